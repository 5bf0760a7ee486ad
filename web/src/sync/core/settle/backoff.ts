/**
 * How long to wait before retrying a failed call: exponential with jitter (so many tablets retrying after one
 * outage spread out), never shorter than what the edge or Intuit asked for (`retryAfterMs`). The one policy for a
 * retry within a run and for a row's next attempt in a later run.
 *
 * A 429 that nobody predicted (Intuit's carries no Retry-After, and the edge's pacer did not hold the call back)
 * is waited out in short, growing steps — about 2 s, 4 s, 8 s … up to 60 s while 429s keep coming — rather than
 * Intuit's blanket minute: one stray 429 should cost seconds.
 * @module
 */
export interface BackoffPolicy {
  baseMs: number
  maxMs: number
  /** The wait is the step's ceiling times a factor drawn uniformly in [low, high]; the upper half by default. */
  spread?: readonly [low: number, high: number]
}
export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 60_000 }
/** The steps of an unpredicted throttle: around 2 s, 4 s, 8 s …, at most 60 s. */
export const throttleBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000, spread: [0.75, 1.25] }

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
  const [low, high] = policy.spread ?? [0.5, 1]
  const jittered = Math.min(policy.maxMs, Math.round(ceiling * (low + random * (high - low))))
  return Math.max(jittered, retryAfterMs ?? 0)
}

/** A failure as far as its wait goes. */
export interface WaitCause {
  kind: string
  retryAfterMs?: number | undefined
}

/** A throttle that came with no wait of its own: the short steps apply, not the general policy. */
export const isUnpredictedThrottle = (f: WaitCause): boolean => f.kind === 'rateLimit' && f.retryAfterMs === undefined

/**
 * The wait before the next try of a failed call, whichever retries it (the run now, or a later run).
 * @param attempt for an unpredicted throttle, the throttles in a row so far (1 for the first); else the attempts.
 * @example retryWaitMs({ kind: 'rateLimit' }, 1, 0.5) // 2 s
 */
export function retryWaitMs(
  fault: WaitCause,
  attempt: number,
  random: number,
  policy: BackoffPolicy = defaultBackoff,
): number {
  return backoffMs(attempt, random, fault.retryAfterMs, isUnpredictedThrottle(fault) ? throttleBackoff : policy)
}
