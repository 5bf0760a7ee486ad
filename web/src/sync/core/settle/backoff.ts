/**
 * How long to wait before retrying a failed call: exponential with jitter over the upper half (so many tablets
 * retrying after one outage spread out), never shorter than what the edge or Intuit asked for (`retryAfterMs`).
 * The one policy for a retry within a run and for a row's next attempt in a later run.
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
 * @example backoffMs(3, 0.5, undefined) // 1.5 s with the default policy (ceiling 2 s, three quarters of it)
 */
export function backoffMs(
  attempt: number,
  random: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = defaultBackoff,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(ceiling * (0.5 + random / 2))
  return Math.max(jittered, retryAfterMs ?? 0)
}
