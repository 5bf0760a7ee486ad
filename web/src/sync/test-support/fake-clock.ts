/**
 * The sync tests' one clock: time moves only when the code under test sleeps or the test advances it, and every
 * sleep is recorded, so backoff waits are asserted rather than lived through.
 * @module
 */
import type { Clock } from '../ports.ts'

export interface FakeClock extends Clock {
  /** Every sleep asked for, in order. */
  waits: number[]
  advance(ms: number): void
}

/**
 * @param start when the clock starts (ISO string or ms since the epoch).
 * @param onSleep also lived through on each sleep (a test that scales real time down, say).
 */
export function fakeClock(
  start: string | number = '2025-03-14T09:00:00Z',
  onSleep?: (ms: number) => Promise<void>,
): FakeClock {
  let t = typeof start === 'number' ? start : Date.parse(start)
  const waits: number[] = []
  return {
    waits,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms)
      t += ms
      if (onSleep) await onSleep(ms)
    },
    advance: (ms) => {
      t += ms
    },
  }
}
