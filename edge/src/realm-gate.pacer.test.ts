import { SELF, env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EDGE, cookieHeader } from '../test/helpers.ts'
import { admin, consent, freshCompany, lastSeq, requestLog } from '../test/emulator.ts'
import { readConfig } from './env.ts'

// Emulator time: Intuit's window is 60,000 emulator ms whatever the time scale.
const INTUIT_WINDOW_MS = 60_000

async function connected() {
  const realmId = await freshCompany()
  const { jar } = await consent({ decision: 'connect', realmId })
  return { realmId, cookie: cookieHeader(jar) }
}

/** Most arrivals the emulator saw inside any window of its own clock. */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let from = 0
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= INTUIT_WINDOW_MS) from++
    best = Math.max(best, to - from + 1)
  }
  return best
}

describe('pacer against the emulator (Intuit minute = 1 s)', () => {
  const config = readConfig(env)
  if (!config.ok) throw new Error(config.error.message)
  const { perWindow, batchPerWindow, windowMs, maxWaitMs } = config.value.pacer

  it('holds a burst of 2,000 calls to the realm limit with zero 429s', { timeout: 60_000 }, async () => {
    const { realmId, cookie } = await connected()
    const since = await lastSeq()
    const started = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/${(i % 5) + 1}`, { headers: { cookie } }).then(
          async (r) => (await r.body?.cancel(), r.status),
        ),
      ),
    )
    const elapsed = Date.now() - started
    const counts = new Map<number, number>()
    for (const s of responses) counts.set(s, (counts.get(s) ?? 0) + 1)
    expect(Object.fromEntries(counts)).toEqual({ 200: 2000 })
    const log = (await requestLog(since)).filter((e) => e.realmId === realmId)
    expect(log.filter((e) => e.status === 429)).toEqual([])
    expect(log).toHaveLength(2000)
    expect(busiestWindow(log.map((e) => Date.parse(e.time)))).toBeLessThanOrEqual(perWindow)
    // 2,000 calls at 500 a window cannot finish before three windows have passed.
    expect(elapsed).toBeGreaterThanOrEqual(3 * windowMs)
  })

  it('does not slow one realm down while another is bursting', { timeout: 60_000 }, async () => {
    const busy = await connected()
    const quiet = await connected()
    const since = await lastSeq()
    const burstStarted = Date.now()
    const burst = Promise.all(
      Array.from({ length: 1500 }, () =>
        SELF.fetch(`${EDGE}/api/qbo/${busy.realmId}/customer/1`, { headers: { cookie: busy.cookie } }).then((r) =>
          r.body?.cancel(),
        ),
      ),
    ).then(() => Date.now() - burstStarted)
    const quietStatuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        SELF.fetch(`${EDGE}/api/qbo/${quiet.realmId}/customer/1`, { headers: { cookie: quiet.cookie } }).then(
          async (r) => (await r.body?.cancel(), r.status),
        ),
      ),
    )
    const burstTook = await burst
    expect(quietStatuses.every((s) => s === 200)).toBe(true)
    // The busy realm needs at least three windows; the quiet one must not queue behind it. Judged on the emulator's
    // clock by arrival order, not by wall-clock durations, which a loaded machine stretches for both realms alike.
    expect(burstTook).toBeGreaterThanOrEqual(2 * windowMs)
    const log = await requestLog(since)
    const arrivals = (realmId: string) =>
      log
        .filter((e) => e.realmId === realmId)
        .map((e) => Date.parse(e.time))
        .sort((a, b) => a - b)
    const busyArrivals = arrivals(busy.realmId)
    const quietArrivals = arrivals(quiet.realmId)
    expect(busyArrivals).toHaveLength(1500)
    expect(quietArrivals).toHaveLength(20)
    // Every quiet call reached QuickBooks before the busy realm's third window opened.
    expect(Math.max(...quietArrivals)).toBeLessThan(busyArrivals[2 * perWindow]!)
  })

  it(
    'holds batch calls to 40 a window, and answers paced with Retry-After beyond the longest wait',
    { timeout: 60_000 },
    async () => {
      const { realmId, cookie } = await connected()
      const since = await lastSeq()
      const body = JSON.stringify({
        BatchItemRequest: [{ bId: 'u1', operation: 'update', Customer: { Id: '1', SyncToken: '0', sparse: true } }],
      })
      const started = Date.now()
      const results = await Promise.all(
        Array.from({ length: 300 }, () =>
          SELF.fetch(`${EDGE}/api/qbo/${realmId}/batch`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body,
          }).then(async (r) => ({
            status: r.status,
            retryAfter: r.headers.get('retry-after'),
            body: (await r.json()) as { error?: { code: string; retryAfterMs?: number } },
            at: Date.now() - started,
          })),
        ),
      )
      const sent = results.filter((r) => r.status === 200)
      const paced = results.filter((r) => r.status === 429)
      expect(sent.length + paced.length).toBe(300)
      // Those that could start within maxWaitMs were queued, the rest told when to come back, at once.
      expect(sent.length).toBeGreaterThanOrEqual(batchPerWindow * Math.floor(maxWaitMs / windowMs))
      expect(paced.length).toBeGreaterThan(0)
      // Told at once, not held for the wait: every refusal comes before the queued calls of later windows finish.
      // (Compared with the queued calls rather than a wall-clock bound, which a loaded machine overruns.)
      const lastSent = Math.max(...sent.map((s) => s.at))
      for (const p of paced) {
        expect(p.body.error?.code).toBe('paced')
        expect(p.body.error?.retryAfterMs).toBeGreaterThan(maxWaitMs)
        expect(Number(p.retryAfter)).toBeGreaterThanOrEqual(Math.ceil(maxWaitMs / 1000))
        expect(p.at).toBeLessThan(lastSent - windowMs)
      }
      const log = (await requestLog(since)).filter((e) => e.realmId === realmId)
      expect(log.filter((e) => e.status === 429)).toEqual([])
      expect(log).toHaveLength(sent.length)
      expect(busiestWindow(log.map((e) => Date.parse(e.time)))).toBeLessThanOrEqual(batchPerWindow)
    },
  )

  it("passes Intuit's own 429 through unchanged and then holds the realm a moment", { timeout: 30_000 }, async () => {
    const { realmId, cookie } = await connected()
    // Intuit throttling below what the pacer knows (as when another app shares the company).
    await admin(`/companies/${realmId}/limits`, { method: 'PUT', body: JSON.stringify({ requestsPerWindow: 3 }) })
    const call = () => SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    // The connect flow already spent one call (CompanyInfo) of the three.
    const statuses: number[] = []
    let throttled: Response | null = null
    while (throttled === null && statuses.length < 5) {
      const r = await call()
      statuses.push(r.status)
      if (r.status === 429) throttled = r
      else await r.body?.cancel()
    }
    expect(statuses).toEqual([200, 200, 429])
    const fault = await throttled!.text()
    expect(fault).toMatch(/ThrottleExceeded|3001/)
    await admin(`/companies/${realmId}/limits`, { method: 'DELETE' })
    const before = Date.now()
    const after = await call()
    expect(after.status).toBe(200)
    expect(after.headers.get('server-timing')).toMatch(/pacer;dur=\d+/)
    // The first pause after a 429 is a thirtieth of the window (2 s of Intuit's minute), not the whole window.
    expect(Date.now() - before).toBeGreaterThanOrEqual((windowMs / 30) * 0.9)
  })
})

describe("Intuit's own throttle answer", () => {
  afterEach(() => vi.restoreAllMocks())

  it('passes a Retry-After header Intuit sends on a 429 through to the app', async () => {
    const { realmId, cookie } = await connected()
    const apiBase = String(env.INTUIT_API_BASE)
    const throttle =
      '<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>' +
      'message=ThrottleExceeded; errorCode=003001; statusCode=429' +
      '</Message></Error></Fault></IntuitResponse>'
    const realFetch = globalThis.fetch
    // Intuit does not document Retry-After (docs/quickbooks.md §8); when it does send one, the app must see it.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      if (!req.url.startsWith(`${apiBase}/v3/company/${realmId}/`)) return realFetch(req)
      return new Response(throttle, {
        status: 429,
        headers: { 'Retry-After': '42', 'Content-Type': 'application/xml', intuit_tid: 'tid-429' },
      })
    })
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, {
      headers: { cookie, origin: env.APP_ORIGIN },
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('42')
    expect(res.headers.get('intuit_tid')).toBe('tid-429')
    expect(await res.text()).toBe(throttle)
  })
})
