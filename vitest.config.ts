import { defineConfig } from 'vitest/config'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { testBindings } from './edge/test/node/bindings.ts'
import { ensureAppBuild } from './scripts/app-build.ts'

// wrangler.toml serves the app's build as the Worker's static assets: the edge's tests (and every test that starts
// the Worker) need one, and edge/src/assets tests it.
ensureAppBuild()

// Two projects from one vitest: `web` runs on Node (shared code, the web app's
// logic on fake-indexeddb, the emulator), `edge` runs inside workerd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'web',
          environment: 'node',
          // Integration tests drive the emulator and the edge for real and wait on conditions; on a busy 2-core
          // machine one may take several seconds, which says nothing about the code, so 5 s is too tight.
          testTimeout: 30_000,
          include: [
            'web/**/*.test.ts',
            'shared/**/*.test.ts',
            'e2e/qbo-emulator/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/support/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [
          cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: testBindings() } }),
        ],
        // The emulator is shared by the edge's files, which read its request log and move its clock: one file at a time.
        test: {
          name: 'edge',
          include: ['edge/**/*.test.ts'],
          globalSetup: ['./edge/test/node/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
})
