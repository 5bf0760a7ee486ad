/**
 * The engine's clock in a time-scaled run: it reads the emulator's clock (so requestid ages, backoff deadlines
 * and claims are in the same time as Intuit's windows) and sleeps `ms / timeScale` real milliseconds.
 * @module
 */
import type { Clock } from '../../web/src/sync/ports.ts'

export function scaledClock(emulatorNow: () => number, timeScale: number): Clock {
  return {
    now: emulatorNow,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / timeScale)),
  }
}
