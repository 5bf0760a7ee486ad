/**
 * Write throughput of the web app's repositories in real Chromium: 10,000 contacts,
 * then 10,000 invoices (3 lines each, half finalized and so queued for sync), each
 * written through the repositories in chunks of one transaction, as the performance notes in
 * docs/product.md §Performance ask. Three runs, each into a fresh database; reports records/s.
 *
 * Also checks, in the same browser, that the live pending count in one tab follows a
 * write made in another tab (Dexie's liveQuery over BroadcastChannel).
 *
 * Run: `npm run bench` (all benchmarks) or `npx node bench/web-writes.ts`.
 * FIELDSYNC_BENCH_N (default 10000) and FIELDSYNC_BENCH_CHUNK (default 500) override the sizes.
 *
 * Time to first render of the invoice list belongs to the pages: add it here, seeding the
 * app's own database through `window.fieldsyncBench`-style hooks on the app origin.
 */
import { chromium } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, preview } from 'vite'
import type { WriteTimes } from './web-writes-page/main.ts'

const N = Number(process.env.FIELDSYNC_BENCH_N ?? 10_000)
const CHUNK = Number(process.env.FIELDSYNC_BENCH_CHUNK ?? 500)
const RUNS = 3
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

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s.at(-1) ?? 0 }
}
const fmt = (x: number) => Math.round(x).toLocaleString('en-US')

export async function run(): Promise<string> {
  const root = new URL('./web-writes-page/', import.meta.url).pathname
  const outDir = await mkdtemp(join(tmpdir(), 'fieldsync-bench-'))
  await build({ root, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } })
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report a URL')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  })
  try {
    const results: WriteTimes[] = []
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage()
      await page.goto(url)
      await page.waitForFunction(() => 'fieldsyncBench' in window)
      results.push(
        await page.evaluate(([n, chunk, name]) => window.fieldsyncBench.writes(name, n, chunk), [
          N,
          CHUNK,
          `bench-${i}`,
        ] as const),
      )
      await page.close()
    }
    const expected = N + N / 2
    const bad = results.find((r) => r.pending !== expected)
    if (bad) throw new Error(`expected ${expected} pending records after a run, found ${bad.pending}`)

    const context = await browser.newContext()
    const [tabA, tabB] = [await context.newPage(), await context.newPage()]
    for (const p of [tabA, tabB]) {
      await p.goto(url)
      await p.waitForFunction(() => 'fieldsyncBench' in window)
    }
    await tabA.evaluate(() => window.fieldsyncBench.watchPending('two-tabs', 1))
    await tabB.evaluate(() => window.fieldsyncBench.addOne('two-tabs'))
    const seen = tabA.evaluate(() => window.fieldsyncBench.reachedPending())
    const crossTab = await Promise.race([
      seen.then(() => 'yes'),
      new Promise<string>((r) => setTimeout(() => r('no (not seen within 10 s)'), 10_000)),
    ])
    await context.close()

    const contacts = stats(results.map((r) => (N / r.contactsMs) * 1000))
    const invoices = stats(results.map((r) => (N / r.invoicesMs) * 1000))
    const version = browser.version()
    return [
      `Chromium ${version}, headless, ${RUNS} runs into fresh databases, ${fmt(N)} records each, one transaction per ${CHUNK} records.`,
      '',
      '| records written through the repositories | min | median | max |',
      '| --- | ---: | ---: | ---: |',
      `| contacts/s (each + 1 outbox row) | ${fmt(contacts.min)} | ${fmt(contacts.median)} | ${fmt(contacts.max)} |`,
      `| invoices/s (3 lines; half finalized + 1 outbox row) | ${fmt(invoices.min)} | ${fmt(invoices.median)} | ${fmt(invoices.max)} |`,
      '',
      `Per run: ${results.map((r) => `${fmt(r.contactsMs)} ms + ${fmt(r.invoicesMs)} ms`).join('; ')}.`,
      `Pending count after each run: ${fmt(expected)} (all contacts + finalized invoices), as expected.`,
      `Live pending count in tab A updated after a write in tab B: ${crossTab}.`,
    ].join('\n')
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
    await rm(outDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
