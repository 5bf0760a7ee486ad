/**
 * The pacer's rules, pure: given what is in flight, what finished recently and `now`, which waiting
 * calls may start and when to look again. The RealmGate drives it; it never rejects on its own,
 * except when the estimated wait passes `maxWaitMs` (the caller then gets a Retry-After).
 *
 * A finished call keeps counting against the window until `window` after it *ended*, not after it
 * started: the upstream saw it somewhere between the two, so counting from the end can never let
 * `perWindow + 1` calls land inside any window of the upstream's clock, whatever the latency.
 */

export type CallKind = 'call' | 'batch'

export interface PacerLimits {
  /** Requests per window (Intuit: 500 per minute per realm, batch calls included). */
  perWindow: number
  /** Batch calls per window (Intuit: 40 per minute per realm and app). */
  batchPerWindow: number
  /** Requests in flight at once (Intuit: 10). */
  maxInFlight: number
  /** Length of the window in ms: 60,000 for Intuit's minute, less when time is scaled in tests. */
  windowMs: number
  /** A caller whose estimated wait is longer is answered with Retry-After instead of queued. */
  maxWaitMs: number
  /** A queued caller not admitted this long after it asked is answered with Retry-After (the estimate can be short). */
  deadlineMs: number
}

export interface PacerState {
  inFlight: ReadonlyArray<{ id: number; kind: CallKind }>
  /** Finished calls still inside the window, oldest end first. */
  recent: ReadonlyArray<{ kind: CallKind; endedAt: number }>
  /** Set after the upstream throttled us anyway: nothing starts before this time. */
  pausedUntil: number
  /** Length of the last such pause, 0 when none: pauses grow while 429s keep coming. */
  lastPauseMs?: number
}

export interface Waiting {
  id: number
  kind: CallKind
}

export const emptyPacerState: PacerState = { inFlight: [], recent: [], pausedUntil: 0 }

export function intuitLimits(timeScale = 1, maxWaitMs = 25_000, deadlineMs = 2 * maxWaitMs): PacerLimits {
  return { perWindow: 500, batchPerWindow: 40, maxInFlight: 10, windowMs: 60_000 / timeScale, maxWaitMs, deadlineMs }
}

/** Drops finished calls that have left the window. */
export function prune(state: PacerState, limits: PacerLimits, now: number): PacerState {
  const from = now - limits.windowMs
  const firstInside = state.recent.findIndex((r) => r.endedAt > from)
  if (firstInside === 0) return state
  return { ...state, recent: firstInside === -1 ? [] : state.recent.slice(firstInside) }
}

type Verdict = { admit: true } | { admit: false; recheckAt: number | null; blocksAll: boolean }

/** Whether one more call of `kind` may start now; if not, the earliest time worth looking again (null: at the next release). */
export function decide(state: PacerState, limits: PacerLimits, now: number, kind: CallKind): Verdict {
  if (state.pausedUntil > now) return { admit: false, recheckAt: state.pausedUntil, blocksAll: true }
  if (state.inFlight.length >= limits.maxInFlight) return { admit: false, recheckAt: null, blocksAll: true }
  const from = now - limits.windowMs
  const inWindow = state.recent.filter((r) => r.endedAt > from)
  if (state.inFlight.length + inWindow.length >= limits.perWindow) {
    const oldest = inWindow[0]
    return { admit: false, recheckAt: oldest ? oldest.endedAt + limits.windowMs : null, blocksAll: true }
  }
  if (kind === 'batch') {
    const batchesRecent = inWindow.filter((r) => r.kind === 'batch')
    const batchesInFlight = state.inFlight.filter((f) => f.kind === 'batch').length
    if (batchesInFlight + batchesRecent.length >= limits.batchPerWindow) {
      const oldest = batchesRecent[0]
      return { admit: false, recheckAt: oldest ? oldest.endedAt + limits.windowMs : null, blocksAll: false }
    }
  }
  return { admit: true }
}

export function start(state: PacerState, id: number, kind: CallKind): PacerState {
  return { ...state, inFlight: [...state.inFlight, { id, kind }] }
}

export function finish(state: PacerState, id: number, now: number): PacerState {
  const call = state.inFlight.find((f) => f.id === id)
  if (!call) return state
  return {
    ...state,
    inFlight: state.inFlight.filter((f) => f.id !== id),
    recent: [...state.recent, { kind: call.kind, endedAt: now }],
  }
}

/** The first pause after an upstream 429: a thirtieth of the window (2 s of Intuit's minute). */
export const FIRST_PAUSE_FRACTION = 1 / 30

/**
 * After an upstream 429: hold every call of the realm briefly — 2 s, then doubling up to a full window while 429s
 * keep coming within a window of the last pause. Intuit's 429 names no wait, and a stray one (another app on the
 * same company, a burst the count missed) should cost seconds, not a minute.
 */
export function pause(state: PacerState, limits: PacerLimits, now: number): PacerState {
  const first = limits.windowMs * FIRST_PAUSE_FRACTION
  const last = state.lastPauseMs ?? 0
  const again = last > 0 && now - state.pausedUntil < limits.windowMs
  const pauseMs = again ? Math.min(limits.windowMs, last * 2) : first
  return { ...state, pausedUntil: Math.max(state.pausedUntil, now + pauseMs), lastPauseMs: pauseMs }
}

/**
 * Which of the waiting calls (FIFO) start now. A call blocked by a realm-wide limit stops the scan so
 * nobody overtakes it; a batch blocked only by the batch limit lets single calls behind it go.
 */
export function schedule(
  state: PacerState,
  limits: PacerLimits,
  now: number,
  queue: readonly Waiting[],
): { state: PacerState; started: number[]; recheckAt: number | null } {
  let s = prune(state, limits, now)
  const started: number[] = []
  let recheckAt: number | null = null
  for (const w of queue) {
    const v = decide(s, limits, now, w.kind)
    if (v.admit) {
      s = start(s, w.id, w.kind)
      started.push(w.id)
      continue
    }
    if (v.recheckAt !== null) recheckAt = recheckAt === null ? v.recheckAt : Math.min(recheckAt, v.recheckAt)
    if (v.blocksAll) break
  }
  return { state: s, started, recheckAt }
}

/**
 * Rough wait for a call joining behind `ahead` queued calls: the k-th call beyond the window's room
 * starts when the k-th recent call leaves the window; beyond those, a window per `perWindow` calls.
 * Used only to decide Retry-After, so it errs short rather than long.
 */
export function estimateWaitMs(
  state: PacerState,
  limits: PacerLimits,
  now: number,
  ahead: readonly Waiting[],
  kind: CallKind,
): number {
  const s = prune(state, limits, now)
  const pausedFor = Math.max(0, s.pausedUntil - now)
  const slotFreeIn = (recent: PacerState['recent'], inFlight: number, queued: number, limit: number): number => {
    const overflow = inFlight + recent.length + queued + 1 - limit
    if (overflow <= 0) return 0
    const freed = recent[overflow - 1]
    if (freed) return Math.max(0, freed.endedAt + limits.windowMs - now)
    return Math.ceil((overflow - recent.length) / limit) * limits.windowMs
  }
  let wait = slotFreeIn(s.recent, s.inFlight.length, ahead.length, limits.perWindow)
  if (kind === 'batch') {
    const batches = s.recent.filter((r) => r.kind === 'batch')
    const batchesInFlight = s.inFlight.filter((f) => f.kind === 'batch').length
    const batchesAhead = ahead.filter((w) => w.kind === 'batch').length
    wait = Math.max(wait, slotFreeIn(batches, batchesInFlight, batchesAhead, limits.batchPerWindow))
  }
  return pausedFor + wait
}
