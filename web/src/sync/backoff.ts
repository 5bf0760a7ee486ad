/**
 * How long to wait before retrying a failed call: exponential with full-range jitter (so many tablets retrying
 * after one outage spread out), never shorter than what the edge or Intuit asked for (`retryAfterMs`).
 * @module
 */
export interface BackoffPolicy {
  baseMs: number
  maxMs: number
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 60_000 }

/**
 * @param attempt 1 for the first retry.
 * @param random uniform in [0, 1).
 * @example backoffMs(3, 0.5, undefined) // between 1 s and 2 s with the default policy
 */
export function backoffMs(attempt: number, random: number, retryAfterMs: number | undefined, policy: BackoffPolicy = defaultBackoff): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(ceiling * (0.5 + random / 2))
  return Math.max(jittered, retryAfterMs ?? 0)
}
