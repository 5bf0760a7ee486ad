// The architecture, stated as lint rules. Dependencies point one way:
//   shared ← web/src/sync/core ← adapters (db, sync shell, state) ← routes and components
// and the edge and the QuickBooks emulator stand on shared alone. Folder rules are checked on resolved paths
// (import-x/no-restricted-paths), so they hold however an import is spelled; package bans use no-restricted-imports.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

const root = import.meta.dirname
const TS = ['**/*.{ts,tsx}']
const CORE = 'web/src/sync/core'

/** Names that would bring IO, a framework or a runtime into the pure core. */
const IO_PACKAGES = [
  'dexie',
  'comlink',
  'solid-js',
  'solid-js/*',
  '@solidjs/*',
  '@tanstack/*',
  'hono',
  'hono/*',
  'jose',
]
const coreImports = (extra) => [
  'error',
  {
    patterns: [
      {
        group: [...IO_PACKAGES, ...extra],
        message: 'The sync core is pure: IO, UI and runtimes stay in the shell, which passes their results in.',
      },
    ],
  },
]

/** Dexie tables and the handle's own query methods, reached as `db.<name>`. */
const DEXIE_MEMBERS =
  'contacts|properties|jobs|quotes|items|invoices|payments|mappings|outbox|syncLog|settings|table|tables|transaction'
const noTableQueries = [
  'error',
  {
    selector: `MemberExpression[object.name='db'][property.name=/^(${DEXIE_MEMBERS})$/]`,
    message: 'Query IndexedDB through the functions in web/src/db or a web/src/state module, not its tables.',
  },
  {
    selector: `MemberExpression[object.callee.name='useDb'][property.name=/^(${DEXIE_MEMBERS})$/]`,
    message: 'Query IndexedDB through the functions in web/src/db or a web/src/state module, not its tables.',
  },
]

const EMULATOR = 'The emulator stands in for Intuit: it shares no code with the app it tests.'

const zones = [
  {
    target: `${CORE}/**/!(*.test).ts`,
    from: 'web',
    except: ['./src/sync/core'],
    message: 'The sync core imports only itself, shared/ and zod.',
  },
  {
    // Its tests may also take builders and recorded QuickBooks answers from the one place for test helpers.
    target: `${CORE}/**/*.test.ts`,
    from: 'web',
    except: ['./src/sync/core', './src/sync/test-support'],
    message: 'The sync core imports only itself, shared/ and zod; its tests also web/src/sync/test-support.',
  },
  {
    target: CORE,
    from: ['edge', 'e2e', 'bench', 'scripts'],
    message: 'The sync core imports only itself, shared/ and zod.',
  },
  {
    // Outside the core, its public surface is index.ts; its files are free to move behind it.
    target: [
      'web/src/!(sync)/**',
      'web/src/*',
      'web/src/sync/*',
      'web/src/sync/!(core)/**',
      'shared/**',
      'edge/**',
      'e2e/**',
      'bench/**',
      'scripts/**',
    ],
    from: CORE,
    except: ['./index.ts'],
    message: 'Import the sync core through web/src/sync/core/index.ts.',
  },
  {
    target: 'web/src/components',
    from: ['web/src/db', 'web/src/sync'],
    message: 'Components get data and actions from web/src/state, never from the database or the sync engine.',
  },
  {
    target: 'web/src/routes',
    from: ['web/src/db/index.ts', 'web/src/db/schema.ts'],
    message: 'Routes read and write through web/src/db functions and web/src/state, not the Dexie instance.',
  },
  {
    target: 'shared',
    from: ['web', 'edge', 'e2e', 'bench', 'scripts'],
    message: 'shared/ depends on nothing of the app.',
  },
  { target: 'edge', from: 'web', message: 'The edge depends only on shared/.' },
  // The edge's own tests may start the emulator, their stand-in for Intuit.
  { target: ['edge/*', 'edge/!(test)/**'], from: 'e2e', message: 'The edge depends only on shared/.' },
  { target: 'e2e/qbo-emulator', from: ['web', 'edge'], message: EMULATOR },
  // Its conformance tests hold it against the app's wire schemas; its code shares nothing with the app.
  { target: 'e2e/qbo-emulator/**/!(*.test).ts', from: 'shared/**', message: EMULATOR },
]

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', '.wrangler/', 'test-results/', 'playwright-report/'],
  },
  {
    files: TS,
    extends: [tseslint.configs.recommended, importX.flatConfigs.typescript],
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'edge/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      // Only imports that run: a type-only import cycle is erased at build time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The resolver-based rules above need every relative import to resolve.
      'import-x/no-unresolved': ['error', { ignore: ['^cloudflare:', '^virtual:', '\\?'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [`${CORE}/**/*.ts`],
    ignores: [`${CORE}/**/*.test.ts`],
    rules: {
      'no-restricted-imports': coreImports(['node:*']),
      // The core takes time, ids and randomness from its caller.
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take `now` from the caller.' },
        { object: 'Math', property: 'random', message: 'Take randomness from the caller.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take `now` from the caller.' },
      ],
      'no-restricted-globals': [
        'error',
        ...['crypto', 'fetch', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'].map(
          (name) => ({ name, message: 'The core does no IO and keeps no timers: the shell does.' }),
        ),
      ],
    },
  },
  {
    files: [`${CORE}/**/*.test.ts`],
    rules: { 'no-restricted-imports': coreImports([]) },
  },
  {
    files: ['web/src/components/**/*.{ts,tsx}', 'web/src/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Screens read IndexedDB through web/src/db functions and web/src/state.' }],
        },
      ],
      'no-restricted-syntax': noTableQueries,
    },
  },
)
