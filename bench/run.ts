// `npm run bench`: runs every benchmark in order and prints each one's summary.
// Each benchmark is a module under bench/ that exports `run(): Promise<string>`
// returning the Markdown it contributes to docs/benchmarks.md, and prints it when
// run directly. Each runs in a process of its own, so the ports, environment and
// module state one sets up (the local stack's URLs, say) never leak into the next.
import { spawnSync } from 'node:child_process'

export const benchmarks: string[] = [
  'bench/web-writes.ts',
  'bench/web-render.ts',
  'bench/contact-search.ts',
  'bench/emulator-throughput.ts',
  'bench/edge-overhead.ts',
  'bench/sync-core.ts',
  'bench/sync-initial.ts',
  'bench/sync-chaos.ts',
  'bench/sync-latency.ts',
  'bench/device-latency.ts',
  'bench/qbo-reads.ts',
  'bench/qbo-reads-devices.ts',
  'bench/main-thread.ts',
]

let failed = 0
for (const file of benchmarks) {
  console.log(`\n## ${file}\n`)
  // stdout is the Markdown; progress on stderr goes straight to the terminal.
  const r = spawnSync(process.execPath, [file], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) {
    failed++
    console.log(`**${file} failed** (exit ${r.status ?? r.signal}).`)
  }
}
if (benchmarks.length === 0) console.log('No benchmarks registered yet.')
process.exitCode = failed > 0 ? 1 : 0
