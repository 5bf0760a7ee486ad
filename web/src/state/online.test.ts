import { describe, expect, it } from 'vitest'
import { createOnlineMonitor, type MonitorTimers } from './online-monitor.ts'
import { probeEdge } from './online.ts'

/** Timers run by hand: `next()` fires the one pending timer and returns its delay. */
function manualTimers() {
  let pending: { fn: () => void; ms: number; id: number } | undefined
  let ids = 0
  const timers: MonitorTimers = {
    setTimeout(fn, ms) {
      pending = { fn, ms, id: ++ids }
      return pending.id
    },
    clearTimeout(h) {
      if (pending?.id === h) pending = undefined
    },
  }
  return {
    timers,
    delay: () => pending?.ms,
    next() {
      const p = pending
      pending = undefined
      p?.fn()
      return p?.ms
    },
  }
}

/** A probe whose answers are queued by the test. */
function scriptedProbe(answers: boolean[]) {
  let calls = 0
  return {
    probe: () => {
      calls++
      return Promise.resolve(answers.shift() ?? true)
    },
    calls: () => calls,
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('createOnlineMonitor', () => {
  it('goes offline when the edge does not answer, though the browser said online', async () => {
    const t = manualTimers()
    const p = scriptedProbe([false])
    const seen: boolean[] = []
    const m = createOnlineMonitor({ probe: p.probe, initial: true, onChange: (v) => seen.push(v), timers: t.timers })
    expect(await m.check()).toBe(false)
    expect(seen).toEqual([false])
  })

  it('probes again on a growing backoff while offline, and comes back online on the first answer', async () => {
    const t = manualTimers()
    const p = scriptedProbe([false, false, false, false, true])
    const seen: boolean[] = []
    const m = createOnlineMonitor({
      probe: p.probe,
      initial: true,
      onChange: (v) => seen.push(v),
      timers: t.timers,
      backoff: [1_000, 2_000, 4_000],
      heartbeatMs: 60_000,
    })
    await m.check()
    const delays: (number | undefined)[] = []
    for (let i = 0; i < 4; i++) {
      delays.push(t.next())
      await flush()
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000])
    expect(seen).toEqual([false, true])
    expect(m.online()).toBe(true)
    // Back online, the next probe is the slow heartbeat.
    expect(t.delay()).toBe(60_000)
  })

  it('believes the browser at once when it says offline', () => {
    const t = manualTimers()
    const seen: boolean[] = []
    const m = createOnlineMonitor({
      probe: () => Promise.resolve(true),
      initial: true,
      onChange: (v) => seen.push(v),
      timers: t.timers,
    })
    m.browserOffline()
    expect(m.online()).toBe(false)
    expect(seen).toEqual([false])
  })

  it('takes a failed and a successful call to the edge as offline and online', () => {
    const t = manualTimers()
    const seen: boolean[] = []
    const m = createOnlineMonitor({
      probe: () => Promise.resolve(true),
      initial: true,
      onChange: (v) => seen.push(v),
      timers: t.timers,
    })
    m.report(false)
    m.report(false)
    m.report(true)
    expect(seen).toEqual([false, true])
  })

  it('runs one probe at a time however often it is asked', async () => {
    const p = scriptedProbe([false])
    const m = createOnlineMonitor({ probe: p.probe, initial: true, onChange: () => {}, timers: manualTimers().timers })
    await Promise.all([m.check(), m.check(), m.check()])
    expect(p.calls()).toBe(1)
  })

  it('treats a probe that throws as offline', async () => {
    const m = createOnlineMonitor({
      probe: () => Promise.reject(new Error('boom')),
      initial: true,
      onChange: () => {},
      timers: manualTimers().timers,
    })
    expect(await m.check()).toBe(false)
  })

  it('schedules nothing after stop', async () => {
    const t = manualTimers()
    const m = createOnlineMonitor({
      probe: () => Promise.resolve(false),
      initial: true,
      onChange: () => {},
      timers: t.timers,
    })
    const pending = m.check()
    m.stop()
    await pending
    expect(t.delay()).toBeUndefined()
  })
})

describe('probeEdge', () => {
  const answer = (res: Response | Error) =>
    (() => (res instanceof Error ? Promise.reject(res) : Promise.resolve(res))) as unknown as typeof fetch
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

  it('is online only when the edge answers as itself', async () => {
    expect(await probeEdge(answer(json({ ok: true, service: 'fieldsync-edge' })))).toBe(true)
  })

  it('is offline on a network error, a proxy error or a captive portal page', async () => {
    expect(await probeEdge(answer(new TypeError('Failed to fetch')))).toBe(false)
    expect(await probeEdge(answer(json({ error: 'bad gateway' }, 502)))).toBe(false)
    expect(await probeEdge(answer(new Response('<html>Sign in to Wi-Fi</html>', { status: 200 })))).toBe(false)
  })

  it('is offline when the edge takes longer than the timeout', async () => {
    const never = ((_: unknown, init?: RequestInit) =>
      new Promise((_r, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as unknown as typeof fetch
    expect(await probeEdge(never, 10)).toBe(false)
  })
})
