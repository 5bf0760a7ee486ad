// Match + plan of 100,000 local against 100,000 remote records in the sync core (web/src/sync/core):
// on Node, and inside a dedicated Web Worker in headless Chromium, where the engine runs in the app.
// Target (docs/product.md §Targets): under 1 s in the worker. Data is generated deterministically
// (bench/sync-core-data.ts).
// Rerun: npx node bench/sync-core.ts (or npm run bench); FIELDSYNC_BENCH_RUNS changes the number of runs (≥ 5).
import { chromium } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, preview } from 'vite'
import { timeWorld, WORLDS, type WorldTimes } from './sync-core-data.ts'

const runs = Math.max(5, Number(process.env['FIELDSYNC_BENCH_RUNS'] ?? 7))
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`
const n = (x: number) => x.toLocaleString('en-US')

function row(t: WorldTimes, cpuMedian?: number): string {
  const s = [...t.times].sort((a, b) => a - b)
  const median = s[Math.floor(s.length / 2)]!
  const cpu = cpuMedian === undefined ? '' : ` ${fmt(cpuMedian)} |`
  return `| ${t.label} | ${fmt(s[0]!)} | ${fmt(median)} | ${fmt(s[s.length - 1]!)} |${cpu} ${median < 1000 ? 'yes' : 'no'} |`
}

function onNode(): { rows: string[]; results: WorldTimes[] } {
  const rows: string[] = []
  const results: WorldTimes[] = []
  for (const { label, make } of WORLDS) {
    const cpu: number[] = []
    let c0 = process.cpuUsage()
    let first = true
    const t = timeWorld(label, make(), runs, () => {
      if (!first) {
        const c = process.cpuUsage(c0)
        cpu.push((c.user + c.system) / 1000)
      }
      first = false
      c0 = process.cpuUsage()
    })
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
    cpu.sort((a, b) => a - b)
    rows.push(row(t, cpu[Math.floor(cpu.length / 2)]))
    results.push(t)
  }
  return { rows, results }
}

async function inChromium(): Promise<{ version: string; results: WorldTimes[] }> {
  const root = new URL('./sync-core-page/', import.meta.url).pathname
  const outDir = await mkdtemp(join(os.tmpdir(), 'fieldsync-bench-core-'))
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  })
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  })
  const url = server.resolvedUrls?.local[0]
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ARGS,
  })
  try {
    if (!url) throw new Error('vite preview did not report a URL')
    const page = await browser.newPage()
    await page.goto(url)
    await page.waitForFunction(() => 'syncCoreBench' in window)
    const results = await page.evaluate((r) => window.syncCoreBench.run(r), runs)
    return { version: browser.version(), results }
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
    await rm(outDir, { recursive: true, force: true })
  }
}

export async function run(): Promise<string> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  const node = onNode()
  let chromiumPart: string[]
  try {
    const c = await inChromium()
    chromiumPart = [
      `**In a Web Worker**, Chromium ${c.version} headless (the page is a vite build of \`bench/sync-core-page/\`; the worker`,
      'generates the same data itself, so nothing crosses the worker boundary):',
      '',
      '| match + plan, in a worker | min | median | max | median under 1 s |',
      '| --- | ---: | ---: | ---: | :---: |',
      ...c.results.map((t) => row(t)),
    ]
  } catch (e) {
    chromiumPart = [`**In a Web Worker**: not measured (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).`]
  }
  const counts = (t: WorldTimes) =>
    `link ${n(t.counts.link)}, create here ${n(t.counts.createHere)}, ` +
    `create in QuickBooks ${n(t.counts.createInQuickBooks)}, need a decision ${n(t.counts.needDecision)}, ` +
    `skipped ${n(t.counts.skipped)}, ${n(t.batches)} batches`
  return [
    `${runs} runs after one warm-up each; ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), load average ` +
      `at the start ${load}. Wall-clock times; "CPU" is the Node process's CPU time (GC threads included).`,
    '',
    `**On Node** ${process.version}:`,
    '',
    '| match + plan, on Node | min | median | max | median CPU | median under 1 s |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    ...node.rows,
    '',
    ...chromiumPart,
    '',
    `Plans: ${node.results.map((t, i) => `(${i + 1}) ${counts(t)}`).join('; ')}.`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
