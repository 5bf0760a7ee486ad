/**
 * Contact search as a crew uses it: 10,000 customers and 10,000 invoices in the app's IndexedDB (seeded through
 * the repositories by bench/web-render-page/), the production build served by `vite preview`, headless Chromium
 * at 1024×768. The Contacts screen is open with the whole list loaded; searches are typed one key at a time
 * (a last name's start, a name in capitals without its accent, a name with its accent, an email fragment, a
 * phone fragment, a short name), then cleared with select-all + Backspace.
 *
 * Measured in the page: from each keystroke (its keydown, or beforeinput for a character typed without a key)
 * to the animation frame after the list shows the matching rows (the list's row count and the "N shown" count
 * equal what the search must find, worked out here from the same seeded data); and every long task (> 50 ms)
 * from the first keystroke to the last result. A keystroke that leaves the number of matches unchanged cannot
 * be seen to finish from outside the page: it is typed but not timed, and the next key waits SETTLE_MS so its
 * work does not spill into the next measurement. Once at normal CPU speed and once with the CPU throttled 4×
 * (DevTools protocol `Emulation.setCPUThrottlingRate`: a mid-range tablet).
 *
 * Run: `npx node bench/contact-search.ts` (or `npm run bench`). FIELDSYNC_BENCH_N (default 10000) and
 * FIELDSYNC_BENCH_RUNS (default 3) change the sizes; FIELDSYNC_BENCH_RATES (default "1,4") the CPU speeds;
 * FIELDSYNC_BENCH_SCREENSHOT=file.png also saves the list with a search typed, FIELDSYNC_BENCH_PROFILE=file.cpuprofile
 * a CPU profile of the last run's typing.
 */
import { chromium, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, preview } from 'vite'
import { expectedCounts, instrument, profiled, type Probe } from './contact-search-probes.ts'
import type { Seeded } from './web-render-page/main.ts'

const N = Number(process.env.FIELDSYNC_BENCH_N ?? 10_000)
const RUNS = Number(process.env.FIELDSYNC_BENCH_RUNS ?? 3)
const RATES = (process.env.FIELDSYNC_BENCH_RATES ?? '1,4').split(',').map(Number)
/** What a crew types: a last name's start, capitals without the accent, an accent, an email, a phone, a short name. */
const QUERIES = ['smi', 'GARCIA', 'maría', 'jennifer.sm', '955-746', 'kim']
/** Pause between keys once the list has caught up: a quick typist. */
const CADENCE_MS = 120
/** Wait after a key whose result cannot be seen to finish (longer than the slowest search seen at 4×). */
const SETTLE_MS = 3000
/** FIELDSYNC_BENCH_PROFILE=file.cpuprofile: a CPU profile of the page while the last run types, top self times on stderr. */
const PROFILE = process.env.FIELDSYNC_BENCH_PROFILE
/** FIELDSYNC_BENCH_SCREENSHOT=file.png: a picture of the list with "smi" typed, to look at. */
const SCREENSHOT = process.env.FIELDSYNC_BENCH_SCREENSHOT
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
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s.at(-1) ?? 0, n: s.length }
}
const int = (x: number) => Math.round(x).toLocaleString('en-US')

type Key = { query: string; typed: string; ms: number }
type Pass = { keys: Key[]; unmeasured: number; long: number[] }

/** Types each query one key at a time and clears it, timing every key whose match count changes. */
async function typeQueries(page: Page, expected: (q: string) => number): Promise<Pass> {
  const box = page.getByRole('searchbox', { name: 'Search contacts' })
  await box.click()
  const keys: Key[] = []
  let unmeasured = 0
  const t0 = await page.evaluate(() => performance.now())
  const press = async (query: string, typed: string, before: number, act: () => Promise<void>) => {
    const want = expected(typed)
    await page.evaluate(
      (n) => {
        const w = window as unknown as Probe
        Object.assign(w, { __key: undefined, __done: undefined, __armed: false, __expect: n })
      },
      want === before ? undefined : want,
    )
    await act()
    if (want === before) {
      unmeasured++
      await page.waitForTimeout(SETTLE_MS)
      return
    }
    await page.waitForFunction(() => (window as unknown as Probe).__done !== undefined, undefined, { timeout: 60_000 })
    const ms = await page.evaluate(() => {
      const w = window as unknown as Probe
      return w.__done! - w.__key!
    })
    keys.push({ query, typed, ms })
    await page.waitForTimeout(CADENCE_MS)
  }
  for (const query of QUERIES) {
    let before = expected('')
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i)
      await press(query, typed, before, () => page.keyboard.type(query[i - 1]!))
      before = expected(typed)
    }
    await press(query, '', before, async () => {
      await page.keyboard.press('Control+A')
      await page.keyboard.press('Backspace')
    })
  }
  const long = await page.evaluate(
    (t) => (window as unknown as Probe).__long.filter((e) => e.start >= t).map((e) => e.duration),
    t0,
  )
  return { keys, unmeasured, long }
}

export async function run(): Promise<string> {
  const appOut = await mkdtemp(join(tmpdir(), 'fieldsync-search-'))
  const seedRoot = new URL('./web-render-page/', import.meta.url).pathname
  await build({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
    build: { outDir: appOut, emptyOutDir: true },
  })
  await build({
    root: seedRoot,
    base: '/seed/',
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(appOut, 'seed'), emptyOutDir: true, target: 'es2022' },
  })
  const server = await preview({
    root: 'web',
    configFile: false,
    logLevel: 'warn',
    build: { outDir: appOut },
    preview: { host: '127.0.0.1', port: 0 },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report a URL')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  })
  const expected = expectedCounts(N)
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' })
    const seedPage = await context.newPage()
    await seedPage.goto(new URL('seed/', url).href)
    await seedPage.waitForFunction(() => 'fieldsyncRenderSeed' in window)
    const seeded: Seeded = await seedPage.evaluate((n) => window.fieldsyncRenderSeed(n, 500, true), N)
    await seedPage.close()
    if (seeded.contacts !== N) throw new Error(`seeded ${seeded.contacts} contacts, expected ${N}`)
    await context.addInitScript(instrument)
    const passes = new Map<number, Pass[]>()
    for (const rate of RATES) {
      for (let r = 0; r < RUNS; r++) {
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate })
        await page.goto(new URL('#/contacts', url).href)
        await page.waitForFunction(
          (n) =>
            document.querySelector('[role="list"][aria-label="Contacts"]')?.getAttribute('data-count') === String(n),
          N,
          { timeout: 120_000 },
        )
        const last = rate === RATES.at(-1) && r === RUNS - 1
        const pass =
          PROFILE && last
            ? await profiled(page, PROFILE, () => typeQueries(page, expected))
            : await typeQueries(page, expected)
        const s = stats(pass.keys.map((k) => k.ms))
        console.error(
          `contact-search ${rate}× run ${r + 1}: median ${int(s.median)} ms, max ${int(s.max)} ms over ${s.n} keys; ${pass.long.length} long tasks, longest ${int(Math.max(0, ...pass.long))} ms`,
        )
        passes.set(rate, [...(passes.get(rate) ?? []), pass])
        await cdp.detach()
        await page.close()
      }
    }
    if (SCREENSHOT) {
      const page = await context.newPage()
      await page.goto(new URL('#/contacts', url).href)
      await page.waitForFunction(
        (n) => document.querySelector('[role="list"][aria-label="Contacts"]')?.getAttribute('data-count') === String(n),
        N,
        { timeout: 120_000 },
      )
      await page.getByRole('searchbox', { name: 'Search contacts' }).pressSequentially('smi')
      await page.waitForFunction(
        (n) => document.querySelector('.count')?.textContent?.trim() === `${n} shown`,
        expected('smi'),
      )
      await page.screenshot({ path: SCREENSHOT })
      await page.close()
    }
    const row = (rate: number) => {
      const ps = passes.get(rate) ?? []
      const all = stats(ps.flatMap((p) => p.keys.map((k) => k.ms)))
      const medians = stats(ps.map((p) => stats(p.keys.map((k) => k.ms)).median))
      const longCount = stats(ps.map((p) => p.long.length))
      const longest = stats(ps.map((p) => Math.max(0, ...p.long)))
      const ms50 = (x: number) => (x > 0 ? int(x) : '< 50')
      return [
        `| ${rate}× | keystroke → rows shown, all keys (ms) | ${int(all.min)} | ${int(all.median)} | ${int(all.max)} | < 100 median |`,
        `| ${rate}× | median per run (ms) | ${int(medians.min)} | ${int(medians.median)} | ${int(medians.max)} | < 100 |`,
        `| ${rate}× | long tasks (> 50 ms) while typing, per run | ${longCount.min} | ${longCount.median} | ${longCount.max} | 0 |`,
        `| ${rate}× | longest task while typing, per run (ms) | ${ms50(longest.min)} | ${ms50(longest.median)} | ${ms50(longest.max)} | < 50 |`,
      ]
    }
    const perQuery = (rate: number) =>
      QUERIES.map((q) => {
        const ms = (passes.get(rate) ?? []).flatMap((p) => p.keys.filter((k) => k.query === q).map((k) => k.ms))
        return `\`${q}\` ${stats(ms).median.toFixed(0)}`
      }).join(', ')
    const first = passes.get(RATES[0]!)?.[0]
    return [
      `Chromium ${browser.version()}, headless, 1024×768, production build; ${int(seeded.contacts)} contacts (real-looking names, companies, emails, phones) and ${int(seeded.invoices)} invoices in IndexedDB.`,
      `Searches typed one key at a time, then cleared: ${QUERIES.map((q) => `\`${q}\``).join(', ')}. ${RUNS} runs per CPU speed; per run ${first?.keys.length ?? 0} keystrokes timed, ${first?.unmeasured ?? 0} typed untimed (match count unchanged).`,
      '',
      '| CPU | measure | min | median | max | target |',
      '| --- | --- | ---: | ---: | ---: | --- |',
      ...RATES.flatMap(row),
      '',
      ...RATES.map((rate) => `Median per search at ${rate}× (ms): ${perQuery(rate)}.`),
      '',
      'Rerun: `npx node bench/contact-search.ts` (FIELDSYNC_BENCH_N, FIELDSYNC_BENCH_RUNS, FIELDSYNC_BENCH_RATES).',
    ].join('\n')
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
    await rm(appOut, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
