/**
 * @module
 * Emulator time. Every part of the emulator that cares about time (token lifetimes, rate-limit
 * windows, MetaData timestamps, CDC look-back, webhook batching) reads it from one `Clock`, so a
 * test can move time forward instead of sleeping, and a time scale can make Intuit's minute pass
 * in a second without changing any ratio between limits.
 *
 * @example
 * const clock = createClock({ timeScale: 60 }) // one Intuit minute per real second
 * clock.advance(24 * 3600_000)                 // jump a day ahead (admin API)
 */

export interface Clock {
  /** Milliseconds since the epoch, in emulator time. */
  now(): number
}

export interface ControllableClock extends Clock {
  /** Move emulator time forward (never backward) by `ms` emulator milliseconds. */
  advance(ms: number): void
  /** Emulator milliseconds per real millisecond. */
  readonly timeScale: number
}

export interface ClockOptions {
  /** Emulator milliseconds that pass per real millisecond (1 = real time, 60 = a minute per second). */
  timeScale?: number
  /** Real time source; a test passes a fixed or stepped function so nothing depends on wall-clock speed. */
  realNow?: () => number
  /** Emulator time at creation; defaults to the real time at creation. */
  start?: number
}

export function createClock(opts: ClockOptions = {}): ControllableClock {
  const timeScale = opts.timeScale ?? 1
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new RangeError(`timeScale must be a positive number, got ${timeScale}`)
  const realNow = opts.realNow ?? Date.now
  const realStart = realNow()
  const start = opts.start ?? realStart
  let offset = 0
  return {
    timeScale,
    now: () => Math.floor(start + (realNow() - realStart) * timeScale + offset),
    advance(ms: number) {
      if (!(ms >= 0) || !Number.isFinite(ms))
        throw new RangeError(`advance takes a non-negative number of ms, got ${ms}`)
      offset += ms
    },
  }
}

/** A clock that only moves when told to: for tests. */
export function createManualClock(start = Date.UTC(2025, 2, 1, 17, 0, 0)): ControllableClock {
  return createClock({ timeScale: 1, realNow: () => 0, start })
}
