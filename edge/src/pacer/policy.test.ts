import { describe, expect, it } from 'vitest'
import {
  decide,
  emptyPacerState,
  estimateWaitMs,
  finish,
  pause,
  prune,
  schedule,
  start,
  type PacerLimits,
  type PacerState,
  type Waiting,
} from './policy.ts'

const limits: PacerLimits = {
  perWindow: 5,
  batchPerWindow: 2,
  maxInFlight: 3,
  windowMs: 1000,
  maxWaitMs: 10_000,
  deadlineMs: 20_000,
}

const state = (
  inFlight: Array<[number, 'call' | 'batch']>,
  recent: Array<[number, 'call' | 'batch']>,
  pausedUntil = 0,
): PacerState => ({
  inFlight: inFlight.map(([id, kind]) => ({ id, kind })),
  recent: recent.map(([endedAt, kind]) => ({ endedAt, kind })),
  pausedUntil,
})

describe('decide', () => {
  const table: Array<[string, PacerState, number, 'call' | 'batch', ReturnType<typeof decide>]> = [
    ['admits into an empty realm', emptyPacerState, 0, 'call', { admit: true }],
    [
      'holds while the in-flight limit is reached, until a release',
      state(
        [
          [1, 'call'],
          [2, 'call'],
          [3, 'call'],
        ],
        [],
      ),
      0,
      'call',
      { admit: false, recheckAt: null, blocksAll: true },
    ],
    [
      'holds when the window is full, until the oldest end leaves it',
      state(
        [[9, 'call']],
        [
          [100, 'call'],
          [200, 'call'],
          [300, 'call'],
          [400, 'call'],
        ],
      ),
      500,
      'call',
      { admit: false, recheckAt: 1100, blocksAll: true },
    ],
    [
      'counts a finished call until a window after it ended',
      state(
        [],
        [
          [100, 'call'],
          [200, 'call'],
          [300, 'call'],
          [400, 'call'],
          [1099, 'call'],
        ],
      ),
      1100,
      'call',
      { admit: true },
    ],
    [
      'still counts it one ms earlier',
      state(
        [],
        [
          [101, 'call'],
          [200, 'call'],
          [300, 'call'],
          [400, 'call'],
          [1099, 'call'],
        ],
      ),
      1100,
      'call',
      { admit: false, recheckAt: 1101, blocksAll: true },
    ],
    [
      'holds a batch when the batch window is full, without blocking calls',
      state(
        [],
        [
          [100, 'batch'],
          [200, 'batch'],
        ],
      ),
      500,
      'batch',
      { admit: false, recheckAt: 1100, blocksAll: false },
    ],
    [
      'admits a call while batches are at their limit',
      state(
        [],
        [
          [100, 'batch'],
          [200, 'batch'],
        ],
      ),
      500,
      'call',
      { admit: true },
    ],
    [
      'counts batches in flight against the batch limit',
      state(
        [
          [1, 'batch'],
          [2, 'batch'],
        ],
        [],
      ),
      0,
      'batch',
      { admit: false, recheckAt: null, blocksAll: false },
    ],
    [
      'holds everything while paused after an upstream 429',
      state([], [], 700),
      500,
      'call',
      { admit: false, recheckAt: 700, blocksAll: true },
    ],
  ]
  it.each(table)('%s', (_name, s, now, kind, expected) => {
    expect(decide(s, limits, now, kind)).toEqual(expected)
  })
})

describe('schedule', () => {
  const q = (...kinds: Array<'call' | 'batch'>): Waiting[] => kinds.map((kind, i) => ({ id: 100 + i, kind }))

  it('starts waiting calls in order up to the in-flight limit', () => {
    const r = schedule(emptyPacerState, limits, 0, q('call', 'call', 'call', 'call'))
    expect(r.started).toEqual([100, 101, 102])
    expect(r.state.inFlight).toHaveLength(3)
    expect(r.recheckAt).toBeNull()
  })

  it('lets a call overtake a batch held only by the batch limit', () => {
    const s = state(
      [],
      [
        [10, 'batch'],
        [20, 'batch'],
      ],
    )
    const r = schedule(s, limits, 50, q('batch', 'call'))
    expect(r.started).toEqual([101])
    expect(r.recheckAt).toBe(1010)
  })

  it('never lets anything overtake a call held by the realm window', () => {
    const s = state(
      [],
      [
        [10, 'call'],
        [20, 'call'],
        [30, 'call'],
        [40, 'call'],
        [50, 'call'],
      ],
    )
    const r = schedule(s, limits, 60, q('call', 'call'))
    expect(r.started).toEqual([])
    expect(r.recheckAt).toBe(1010)
  })

  it('drops finished calls that left the window', () => {
    const s = state(
      [],
      [
        [10, 'call'],
        [2000, 'call'],
      ],
    )
    expect(prune(s, limits, 1500).recent).toEqual([{ kind: 'call', endedAt: 2000 }])
  })
})

describe('a simulated burst', () => {
  // Calls take `latency` ms; the upstream counts arrivals (start + jitter) in any sliding window.
  const simulate = (n: number, latency: number) => {
    let s = emptyPacerState
    let queue: Waiting[] = Array.from(
      { length: n },
      (_, i) => ({ id: i, kind: i % 7 === 0 ? 'batch' : 'call' }) as Waiting,
    )
    const running: Array<{ id: number; endsAt: number; arrivedAt: number }> = []
    const arrivals: number[] = []
    let now = 0
    for (let guard = 0; guard < 100_000 && (queue.length > 0 || running.length > 0); guard++) {
      const r = schedule(s, limits, now, queue)
      s = r.state
      for (const id of r.started) {
        const arrivedAt = now + (id % 3) * (latency / 3)
        arrivals.push(arrivedAt)
        running.push({ id, endsAt: now + latency, arrivedAt })
      }
      queue = queue.filter((w) => !r.started.includes(w.id))
      const nextEnd = Math.min(...running.map((c) => c.endsAt))
      now = Math.min(nextEnd, r.recheckAt ?? Infinity)
      for (const c of running.filter((c) => c.endsAt <= now)) s = finish(s, c.id, c.endsAt)
      running.splice(0, running.length, ...running.filter((c) => c.endsAt > now))
    }
    return { arrivals: arrivals.sort((a, b) => a - b), end: now }
  }

  it('never lets more than perWindow arrivals into any window, whatever the latency', () => {
    for (const latency of [0.5, 30, 400]) {
      const { arrivals } = simulate(60, latency)
      expect(arrivals).toHaveLength(60)
      for (let i = limits.perWindow; i < arrivals.length; i++) {
        expect(arrivals[i]! - arrivals[i - limits.perWindow]!).toBeGreaterThanOrEqual(limits.windowMs)
      }
    }
  })

  it('runs near the floor the limit allows', () => {
    const { end } = simulate(50, 1)
    // 50 calls at 5 per 1000 ms: the last starts after 9 windows; latency stretches each by 1 ms.
    expect(end).toBeGreaterThanOrEqual(9 * limits.windowMs)
    expect(end).toBeLessThan(9 * (limits.windowMs + 2) + 2)
  })
})

describe('estimateWaitMs', () => {
  it('is zero while the window has room', () => {
    expect(estimateWaitMs(emptyPacerState, limits, 0, [], 'call')).toBe(0)
  })
  it('is the time until the slot this caller needs leaves the window', () => {
    const s = state(
      [],
      [
        [100, 'call'],
        [200, 'call'],
        [300, 'call'],
        [400, 'call'],
        [500, 'call'],
      ],
    )
    expect(estimateWaitMs(s, limits, 600, [{ id: 1, kind: 'call' }], 'call')).toBe(600)
  })
  it('adds whole windows beyond the calls in the window, and any pause', () => {
    const s = { ...start(emptyPacerState, 1, 'call'), pausedUntil: 1000 }
    const ahead = Array.from({ length: 12 }, (_, i) => ({ id: i + 10, kind: 'call' as const }))
    expect(estimateWaitMs(s, limits, 0, ahead, 'call')).toBe(1000 + 2 * 1000)
  })
})

describe('pause after an upstream 429', () => {
  const first = limits.windowMs / 30
  it('holds the realm a thirtieth of a window at first', () => {
    expect(pause(emptyPacerState, limits, 100)).toMatchObject({ pausedUntil: 100 + first, lastPauseMs: first })
  })
  it('doubles while 429s keep coming, up to a whole window', () => {
    let s = emptyPacerState
    let now = 0
    const pauses: number[] = []
    for (let i = 0; i < 8; i++) {
      s = pause(s, limits, now)
      pauses.push(s.lastPauseMs ?? 0)
      now = s.pausedUntil
    }
    expect(pauses).toEqual([1, 2, 4, 8, 16, 32, 32, 32].map((n) => Math.min(limits.windowMs, first * n)))
    expect(Math.max(...pauses)).toBe(limits.windowMs)
  })
  it('starts short again once a window passed without a 429', () => {
    const s = pause(pause(emptyPacerState, limits, 0), limits, first)
    const later = s.pausedUntil + limits.windowMs
    expect(pause(s, limits, later)).toMatchObject({ pausedUntil: later + first, lastPauseMs: first })
  })
})
