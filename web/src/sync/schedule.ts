/**
 * When a schedule sends changes. Automatic sends each change a moment after it is saved; manual only on Sync Now;
 * hourly an hour after the last send; daily at the first `HH:MM` (the device's local time) after the last send.
 * A time that passed while the app was closed is due at once, so the app catches up when it next opens.
 * @module
 */
import type { SyncSchedule } from '#shared/domain/index.ts'

/** The sync log row each send by Sync Now or the schedule leaves (when not automatic): when it last ran. */
export const SENT_RUN_LABEL = 'Changes sent to QuickBooks'

const HOUR = 3_600_000

/** The first local `HH:MM` strictly after `afterMs`. */
function nextAt(at: string, afterMs: number): number {
  const [h, m] = at.split(':').map(Number) as [number, number]
  const d = new Date(afterMs)
  d.setHours(h, m, 0, 0)
  if (d.getTime() <= afterMs) d.setDate(d.getDate() + 1)
  return d.getTime()
}

/**
 * When the schedule sends next (ms), or undefined when only edits (automatic) or Sync Now (manual) send. Never
 * sent: an hourly schedule is due at once; a daily one at its next time.
 * @example
 * nextScheduledRun({ mode: 'hourly' }, Date.parse('2026-03-01T09:00:00Z'), now) // → 10:00 that day
 */
export function nextScheduledRun(
  schedule: SyncSchedule,
  lastRunMs: number | undefined,
  nowMs: number,
): number | undefined {
  if (schedule.mode === 'hourly') return lastRunMs === undefined ? nowMs : lastRunMs + HOUR
  if (schedule.mode === 'daily') return nextAt(schedule.at, lastRunMs ?? nowMs)
  return undefined
}

/** What the schedule does, in the sync screen's words. */
export function scheduleWords(schedule: SyncSchedule): string {
  switch (schedule.mode) {
    case 'automatic':
      return 'Changes go to QuickBooks a moment after they are saved.'
    case 'hourly':
      return 'Changes go to QuickBooks once an hour, and when you tap Sync Now.'
    case 'daily':
      return `Changes go to QuickBooks every day at ${schedule.at}, and when you tap Sync Now.`
    case 'manual':
      return 'Changes go to QuickBooks only when you tap Sync Now.'
  }
}
