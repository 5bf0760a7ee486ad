import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Pacer } from './pacer.ts'
import type { PacerLimits } from './policy.ts'

const limits: PacerLimits = {
  perWindow: 4,
  batchPerWindow: 1,
  maxInFlight: 2,
  windowMs: 1000,
  maxWaitMs: 2500,
  deadlineMs: 5000,
}

describe('Pacer', () => {
  // Fake timers move Date.now() in step with the timers they fire.
  const clock = () => Date.now()
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
  })
  afterEach(() => vi.useRealTimers())

  const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms)

  it('queues beyond the in-flight limit and admits on release, in order', async () => {
    const pacer = new Pacer(limits, clock)
    const order: number[] = []
    const calls = [0, 1, 2].map((i) => pacer.acquire('call').then((a) => (order.push(i), a)))
    await vi.advanceTimersByTimeAsync(0)
    expect(order).toEqual([0, 1])
    expect(pacer.waiting).toBe(1)
    const first = await calls[0]!
    if (!first.ok) throw new Error('expected admission')
    pacer.release(first.value.id)
    await vi.advanceTimersByTimeAsync(0)
    expect(order).toEqual([0, 1, 2])
  })

  it('holds the fifth call of a window until the first one has been finished for a whole window', async () => {
    const pacer = new Pacer(limits, clock)
    for (let i = 0; i < 4; i++) {
      const a = await pacer.acquire('call')
      if (!a.ok) throw new Error('expected admission')
      await advance(10)
      pacer.release(a.value.id)
    }
    // Ends at 10, 20, 30, 40: the fifth may start at 1010.
    let admittedAt: number | null = null
    void pacer.acquire('call').then(() => (admittedAt = Date.now()))
    await advance(900)
    expect(admittedAt).toBeNull()
    await advance(69)
    expect(admittedAt).toBeNull()
    await advance(40)
    expect(admittedAt).toBe(1010)
  })

  it('answers with a Retry-After instead of queueing a caller that would wait too long', async () => {
    const pacer = new Pacer(limits, clock)
    // 2 start, 10 wait: the next would need 3 more windows (3000 ms > 2500 ms).
    for (let i = 0; i < 12; i++) void pacer.acquire('call')
    const refused = await pacer.acquire('call')
    expect(refused).toEqual({
      ok: false,
      error: {
        kind: 'paced',
        retryAfterMs: 3000,
        message: `QuickBooks allows this company ${limits.perWindow} calls a minute; try again in 3 s.`,
      },
    })
    expect(pacer.waiting).toBe(10)
  })

  it('pauses the realm briefly after the upstream throttles, longer while it keeps throttling', async () => {
    // A window of 3 s makes the first pause a whole 100 ms.
    const pacer = new Pacer({ ...limits, windowMs: 3000 }, clock)
    const first = 100
    const heldFor = async (ms: number) => {
      pacer.throttled()
      let admitted = false
      const call = pacer.acquire('call').then((a) => ((admitted = true), a))
      await advance(ms - 1)
      expect(admitted).toBe(false)
      await advance(2)
      expect(admitted).toBe(true)
      const a = await call
      if (a.ok) pacer.release(a.value.id)
    }
    await heldFor(first)
    await heldFor(first * 2)
    await heldFor(first * 4)
  })

  it('answers a caller still queued at its deadline with a Retry-After, and forgets it', async () => {
    const pacer = new Pacer(limits, clock)
    // Two calls in flight that never end (an upstream that hangs): the estimate saw no wait.
    await pacer.acquire('call')
    await pacer.acquire('call')
    let outcome: unknown = null
    void pacer.acquire('call').then((a) => (outcome = a))
    await advance(limits.deadlineMs - 1)
    expect(outcome).toBeNull()
    await advance(1)
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'paced', retryAfterMs: expect.any(Number) } })
    expect(pacer.waiting).toBe(0)
  })

  it("shares admissions between a company's sessions in turn", async () => {
    const pacer = new Pacer({ ...limits, maxInFlight: 1, perWindow: 100 }, clock)
    const first = await pacer.acquire('call', 'a')
    if (!first.ok) throw new Error('expected admission')
    const order: string[] = []
    const queued = ['a', 'a', 'a', 'b'].map((owner, i) =>
      pacer.acquire('call', owner).then((adm) => {
        order.push(`${owner}${i}`)
        if (adm.ok) setTimeout(() => pacer.release(adm.value.id), 1)
      }),
    )
    pacer.release(first.value.id)
    await advance(100)
    await Promise.all(queued)
    // The session that has had nothing yet goes first; then turns.
    expect(order).toEqual(['b3', 'a0', 'a1', 'a2'])
  })
})
