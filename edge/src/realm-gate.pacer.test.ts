import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader } from '../test/helpers.ts'
import { consent, freshCompany, lastSeq, requestLog } from '../test/emulator.ts'
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
  if (!config.ok) throw new Error(config.message)
  const { perWindow, windowMs } = config.config.pacer

  it('holds a burst of 2,000 calls to the realm limit with zero 429s', { timeout: 60_000 }, async () => {
    const { realmId, cookie } = await connected()
    const since = await lastSeq()
    const started = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/${(i % 5) + 1}`, { headers: { cookie } }).then(async (r) => (await r.body?.cancel(), r.status)),
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
    const burstStarted = Date.now()
    const burst = Promise.all(
      Array.from({ length: 1500 }, () => SELF.fetch(`${EDGE}/api/qbo/${busy.realmId}/preferences`, { headers: { cookie: busy.cookie } }).then((r) => r.body?.cancel())),
    ).then(() => Date.now() - burstStarted)
    const quietStarted = Date.now()
    const quietStatuses = await Promise.all(
      Array.from({ length: 20 }, () => SELF.fetch(`${EDGE}/api/qbo/${quiet.realmId}/preferences`, { headers: { cookie: quiet.cookie } }).then(async (r) => (await r.body?.cancel(), r.status))),
    )
    const quietTook = Date.now() - quietStarted
    const burstTook = await burst
    expect(quietStatuses.every((s) => s === 200)).toBe(true)
    // The busy realm needs at least two windows; the quiet one must not queue behind it.
    expect(burstTook).toBeGreaterThanOrEqual(2 * windowMs)
    expect(quietTook).toBeLessThan(burstTook / 2)
  })
})
