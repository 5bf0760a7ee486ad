// `npm run bench`: runs every benchmark in order and prints each one's summary.
// Each benchmark is a module under bench/ that exports `run(): Promise<string>`
// returning the Markdown it contributes to docs/benchmarks.md.
import { pathToFileURL } from 'node:url'

export const benchmarks: string[] = ['bench/web-writes.ts', 'bench/web-render.ts', 'bench/emulator-throughput.ts', 'bench/edge-overhead.ts', 'bench/sync-core.ts', 'bench/sync-initial.ts', 'bench/sync-chaos.ts', 'bench/sync-latency.ts', 'bench/main-thread.ts']

for (const file of benchmarks) {
  const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<string> }
  console.log(`\n## ${file}\n`)
  console.log(await mod.run())
}
if (benchmarks.length === 0) console.log('No benchmarks registered yet.')
