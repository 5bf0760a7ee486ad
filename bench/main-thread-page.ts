/**
 * One run of bench/main-thread.ts in headless Chromium: connect a fresh browser profile, grow the company, then
 * preview and run the initial sync on the Sync screen while recording the page's long tasks.
 * @module
 */
import { chromium, type Page } from '@playwright/test'
import { grow, N, recordContacts } from './main-thread-data.ts'

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

export type Sample = { longest: number; count: number; total: number; ms: number; pulled: number; logViews: number }

/** FIELDSYNC_BENCH_PROFILE=file.cpuprofile: a sampling CPU profile of the page during the sync, and its top self times on stderr. */
const PROFILE = process.env.FIELDSYNC_BENCH_PROFILE
type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
}
async function startProfile(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
    }
    const { writeFile } = await import('node:fs/promises')
    await writeFile(PROFILE!, JSON.stringify(profile))
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
    const self = new Map<string, number>()
    profile.samples.forEach((id, i) => {
      const f = byNode.get(id)!.callFrame
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
    })
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.error(`${v.toFixed(1).padStart(8)} ms  ${k}`)
  }
}

/**
 * Waits for an element by its test id with one `querySelector` every half second. A locator's `waitFor` polls on
 * every animation frame and matches test ids by walking the whole DOM in script: on the Sync screen, with the live
 * log's hundreds of rows, that cost the page's main thread seconds of a run at 4× (long tasks of its own).
 */
async function appears(page: Page, testId: string, timeout: number): Promise<void> {
  await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`) !== null, testId, {
    polling: 500,
    timeout,
  })
}

export async function oneRun(web: string, adminUrl: string, seeded: Set<string>, rate: number): Promise<Sample> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' })
    await context.addInitScript(() => {
      const w = window as unknown as { __long: number[]; __measuring: boolean; __logViews: Set<string> }
      w.__long = []
      w.__measuring = false
      // What the live log showed, sampled while the sync runs: proof the page kept updating (a page that froze its
      // lists would have no long tasks either).
      w.__logViews = new Set()
      setInterval(() => {
        if (!w.__measuring) return
        const log = document.querySelector('[data-testid="sync-log"] tbody')
        if (log) w.__logViews.add(`${log.childElementCount}|${log.firstElementChild?.textContent ?? ''}`)
      }, 100)
      new PerformanceObserver((list) => {
        if (w.__measuring) for (const e of list.getEntries()) w.__long.push(e.duration)
      }).observe({ type: 'longtask', buffered: false })
    })
    const page = await context.newPage()
    // Slows the page's own threads; the popup and the servers run at full speed.
    if (rate !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate })
    await page.goto(`${web}/#/contacts`)
    await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor()
    await recordContacts(page, Math.round(N / 10))
    await page.goto(`${web}/#/settings`)
    const card = page.getByTestId('qbo-card')
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      card.getByRole('button', { name: 'Connect', exact: true }).click(),
    ])
    await popup.getByRole('radio').first().check()
    await popup.getByRole('button', { name: 'Connect' }).click()
    await card.getByTestId('qbo-connected').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 })
    const session = (await (await page.request.get(`${web}/api/session`)).json()) as { realmId: string }
    if (!seeded.has(session.realmId)) {
      await grow(adminUrl, session.realmId)
      seeded.add(session.realmId)
    }
    await page.goto(`${web}/#/sync`)
    await page.getByRole('button', { name: 'Preview initial sync' }).waitFor()
    const profiler = PROFILE ? await startProfile(page) : undefined
    const started = Date.now()
    await page.evaluate(() => {
      ;(window as unknown as { __measuring: boolean }).__measuring = true
    })
    await page.getByRole('button', { name: 'Preview initial sync' }).click()
    await appears(page, 'sync-preview', 300_000)
    await page.getByRole('button', { name: 'Run initial sync' }).click()
    await appears(page, 'initial-sync-done', 900_000)
    // Let the live log and lists settle: their last re-render belongs to the sync too.
    await page.waitForTimeout(1500)
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long)
    const logViews = await page.evaluate(() => (window as unknown as { __logViews: Set<string> }).__logViews.size)
    const ms = Date.now() - started
    if (profiler) await profiler()
    const pulled = Number(
      (await page.getByTestId('initial-sync-done').textContent())?.match(/(\d+) created here/)?.[1] ?? 0,
    )
    return {
      longest: Math.max(0, ...long),
      count: long.length,
      total: long.reduce((a, b) => a + b, 0),
      ms,
      pulled,
      logViews,
    }
  } finally {
    await browser.close()
  }
}
