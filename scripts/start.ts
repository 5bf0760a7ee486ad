// `npm start`: the whole app on loopback, with the emulator standing in for QuickBooks: the production build with
// its service worker, as a contractor gets it. `npm run dev` (`--dev`): vite's dev server with hot reload instead.
import { startStack, urls, emulatorPresent } from './stack.ts'

import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    // The production build is the default now; the old flag still works.
    preview: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'persist-to': { type: 'string', default: '.wrangler/state' },
    fresh: { type: 'boolean', default: false },
  },
})
const verbose = args.verbose
const log = (line: string) => {
  if (verbose || /error|fail|warn/i.test(line)) console.log(line)
}

const mode = args.dev && !args.preview ? 'dev' : 'production'
console.log(
  `Starting Fieldsync (${mode === 'dev' ? 'dev server, hot reload' : 'production build, works offline'}): ` +
    [emulatorPresent() ? 'QuickBooks emulator' : null, 'edge', 'web'].filter(Boolean).join(', ') +
    '…',
)
const stop = await startStack({
  mode,
  persistTo: args['persist-to'],
  fresh: args.fresh,
  log,
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

console.log(`\n  Fieldsync is running: open ${urls.web}\n`)
console.log('  Press Ctrl-C to stop.')

let stopping = false
const shutdown = async () => {
  if (stopping) return
  stopping = true
  console.log('\nStopping…')
  await stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
