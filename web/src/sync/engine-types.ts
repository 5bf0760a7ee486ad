/**
 * What the engine takes and answers: plain data that crosses comlink to the page.
 * @module
 */
import type { ApiError, SessionResponse } from '#shared/api/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { SyncFault } from './core/index.ts'
import type { NumberingPreview } from './invoice-numbers.ts'
import type { InitialPreview } from './initial-sync.ts'
import type { PullSummary } from './pull.ts'
import type { Clock, LocalStore, QboGateway, Random } from './ports.ts'
import type { RunSummary } from './runner/index.ts'

export type EngineError = {
  /** `device_removed`: the owner removed this device; its message is the edge's, naming the company. */
  kind: 'not_connected' | 'needs_reconnect' | 'needs_initial_sync' | 'no_preview' | 'fault' | 'device_removed'
  message: string
  fault?: SyncFault
}
export type SyncNowResult = { push: RunSummary; pull: PullSummary | null }
export type PreviewView = Omit<InitialPreview, 'plan'> & {
  batches: number
  /** Invoice numbers: whether QuickBooks numbers them itself, and what will be renumbered. */
  numbering: Pick<NumberingPreview, 'renumbered' | 'summary'> & { quickBooksNumbers: boolean }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface EngineDeps {
  store: LocalStore
  gatewayFor(realmId: string): QboGateway
  session(changesSince: number): Promise<SessionResponse | SessionRefused | undefined>
  clock: Clock
  random: Random
  timers: Timers
  /** Auto-sync's pause after the last edit before pushing. */
  debounceMs?: number
}

/** The session read refused with the edge's own error (a removed device's 401 `device_removed`). */
export type SessionRefused = { connected: false; needsReconnect: false; refused: ApiError }

export function faultAsError<T>(r: Result<T, SyncFault>): Result<T, EngineError> {
  return r.ok ? r : err({ kind: 'fault', message: r.error.userMessage, fault: r.error })
}

export function stopped(summary: RunSummary): Result<never, EngineError> | undefined {
  if (!summary.stoppedBy) return undefined
  if (summary.stoppedBy.code === 'device_removed')
    return err({ kind: 'device_removed', message: summary.stoppedBy.userMessage, fault: summary.stoppedBy })
  return err({ kind: 'needs_reconnect', message: summary.stoppedBy.userMessage, fault: summary.stoppedBy })
}

/** The company the session is connected to, and its gateway; not connected or needing a reconnect is an error. */
export async function connectedTo(
  deps: Pick<EngineDeps, 'session' | 'gatewayFor'>,
  changesSeq: number,
): Promise<Result<{ realmId: string; gateway: QboGateway }, EngineError>> {
  const s = await deps.session(changesSeq)
  if (!s) return err({ kind: 'fault', message: 'Fieldsync could not reach its server. Changes stay queued.' })
  if ('refused' in s && s.refused.code === 'device_removed')
    return err({ kind: 'device_removed', message: s.refused.message })
  if (!s.connected)
    return err({
      kind: s.needsReconnect ? 'needs_reconnect' : 'not_connected',
      message: 'Connect QuickBooks in Settings to sync.',
    })
  if (s.needsReconnect)
    return err({ kind: 'needs_reconnect', message: 'Reconnect QuickBooks in Settings; nothing is lost meanwhile.' })
  return ok({ realmId: s.realmId, gateway: deps.gatewayFor(s.realmId) })
}

/** Pushes and pulls wait for the initial sync with this very company. */
export async function initialSyncDone(store: LocalStore, realmId: string): Promise<Result<true, EngineError>> {
  const s = await store.settings()
  if (s.cdcCheckpoint && s.syncedRealmId === realmId) return ok(true)
  const message = s.syncedRealmId
    ? 'This tablet last synced with another QuickBooks company. ' +
      'Review the first sync with this one before anything is sent; changes stay queued.'
    : 'Review the first sync before anything is sent to QuickBooks: it shows what will be linked and created. ' +
      'Changes stay queued.'
  return err({ kind: 'needs_initial_sync', message })
}

/**
 * A job that never throws: one that does (a bug, or IndexedDB refusing a write) still answers a Result, since comlink
 * would turn the throw into a bare rejection; a failure of one job never blocks the next.
 */
export function guarded<T>(job: () => Promise<Result<T, EngineError>>): () => Promise<Result<T, EngineError>> {
  return async () => {
    try {
      return await job()
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e)
      return err({
        kind: 'fault',
        message: `Sync stopped unexpectedly (${why}). Nothing is lost: changes stay queued; try Sync Now again.`,
      })
    }
  }
}
