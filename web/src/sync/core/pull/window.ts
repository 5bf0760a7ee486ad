/**
 * The window of a pull: how far back CDC may look, when its answer may be cut, which kinds are asked for, and
 * where the checkpoint moves (always from QuickBooks' clock, the `time` of the answer the data came from).
 * @module
 */
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'

/** Intuit's CDC looks back 30 days at most; a day's margin for clocks. */
export const MAX_LOOKBACK_MS = 29 * 24 * 3600_000
/** The checkpoint stays this far behind the server's time, so a change committed during the call is seen next. */
export const OVERLAP_MS = 60_000
/** Objects in one CDC answer at which it may have been cut. */
export const CDC_CAP = 1000
/** The kinds the app keeps; CDC and queries ask for these and nothing else (each kind is a metered read's worth). */
export const PULLED_ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment'] as const
export type PulledEntity = (typeof PULLED_ENTITIES)[number]

export interface PullWindow {
  /** What CDC is asked for: at most `MAX_LOOKBACK_MS` back. */
  since: string
  /** Where paged queries start when CDC cannot cover the window: the checkpoint itself when there is one. */
  from: string
  /** The checkpoint is missing or older than CDC reaches. */
  tooOld: boolean
}

export function pullWindow(nowMs: number, checkpoint: string | undefined): PullWindow {
  const stored = checkpoint ? Date.parse(checkpoint) : Number.NaN
  const tooOld = !Number.isFinite(stored) || nowMs - stored >= MAX_LOOKBACK_MS
  const since = new Date(tooOld ? nowMs - MAX_LOOKBACK_MS : stored).toISOString()
  return { since, from: Number.isFinite(stored) ? new Date(stored).toISOString() : since, tooOld }
}

/** Whether a CDC answer is so large it may have been cut (the cap's scope is not stated, so any answer counts). */
export function mayBeCut(changes: readonly QboCdcQueryResponse[]): boolean {
  const count = (page: QboCdcQueryResponse) => PULLED_ENTITIES.reduce((m, e) => m + (page[e]?.length ?? 0), 0)
  return changes.reduce((n, page) => n + count(page), 0) >= CDC_CAP
}

/** The next checkpoint: the server's time (else now) less the overlap, never before where this pull started. */
export function nextCheckpoint(from: string, serverTime: string | undefined, nowMs: number): string {
  const server = serverTime ? Date.parse(serverTime) : nowMs
  return new Date(Math.max(Date.parse(from), server - OVERLAP_MS)).toISOString()
}

/** The checkpoint an initial sync leaves: QuickBooks' time of the preview's first read, less the overlap. */
export function checkpointOfRead(serverTime: string | undefined, nowMs: number): string {
  const server = serverTime ? Date.parse(serverTime) : Number.NaN
  return new Date((Number.isFinite(server) ? server : nowMs) - OVERLAP_MS).toISOString()
}
