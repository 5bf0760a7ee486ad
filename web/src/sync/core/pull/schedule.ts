/**
 * How long until the next safety pull. While webhooks arrive they bring changes as they happen, so the poll is a
 * safety net every `safetyPollHours`. Without them the poll is every `pullIntervalMinutes`, doubling after each
 * pull that found nothing (up to eight times the interval) and back to it after one that found something: an idle
 * company costs few reads, a busy one is read as often as before.
 * @module
 */
export interface PollState {
  /** When the last webhook notice for this company arrived (ms), if one did. */
  lastNoticeAt?: number | undefined
  /** Pulls in a row that found nothing. */
  quietPulls: number
}

export interface PollSettings {
  pullIntervalMinutes: number
  safetyPollHours: number
}

/** Webhooks count as arriving while the last notice is younger than this many safety intervals. */
export const NOTICE_TRUST_INTERVALS = 4
export const MAX_IDLE_DOUBLINGS = 3

export function webhooksArriving(s: PollState, nowMs: number, settings: PollSettings): boolean {
  const trust = NOTICE_TRUST_INTERVALS * settings.safetyPollHours * 3600_000
  return s.lastNoticeAt !== undefined && nowMs - s.lastNoticeAt < trust
}

export function nextPollInMs(s: PollState, nowMs: number, settings: PollSettings): number {
  if (webhooksArriving(s, nowMs, settings)) return settings.safetyPollHours * 3600_000
  return settings.pullIntervalMinutes * 60_000 * 2 ** Math.min(s.quietPulls, MAX_IDLE_DOUBLINGS)
}

/** The state after a pull: `found` is how many changes it brought. */
export function afterPull(s: PollState, found: number): PollState {
  return { ...s, quietPulls: found > 0 ? 0 : s.quietPulls + 1 }
}
