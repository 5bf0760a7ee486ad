/**
 * A record's QuickBooks state for its row and detail page, from its mapping and outbox rows (plain data, so
 * it is tested without a browser): up to date, waiting (edited since the last sync), failed (with what the
 * user can do about it) or not in QuickBooks (never sent, or a draft that stays here).
 * @module
 */
import type { DecisionChoice, Mapping, OutboxRow, SyncError, SyncKind } from '#shared/domain/index.ts'
import { classifyFault, UNDECIDED_CODE } from '../sync/core/index.ts'
import { UNVERIFIED_PAYMENT_CODE, type FaultAction, type FaultKind } from '../sync/core/index.ts'

export type SyncTone = 'synced' | 'pending' | 'waiting' | 'approval' | 'failed' | 'none'

/** Where what a refusal names is fixed: the company's settings (its accounts) or the record itself. */
export type FixPlace = 'settings' | 'record'

export type RecordSyncState =
  | { tone: 'synced'; label: string; qboId: string }
  | {
      tone: 'pending'
      label: string
      retrying: boolean
      offlineNote: string
      /** QuickBooks asked us to slow down: when the next try goes (ms), for "trying again in N s". */
      slowDownUntil?: number
    }
  /** Left at "Decide later": not sent until the user picks one of the choices (or a new record). */
  | { tone: 'waiting'; label: string; message: string; choices: DecisionChoice[] }
  | {
      tone: 'failed'
      label: string
      message: string
      code: string
      kind: FaultKind
      action: FaultAction
      field?: string
      fixIn: FixPlace
    }
  | { tone: 'none'; label: string }
  /** Manual export: finalized, and waiting to be picked on the Export screen. */
  | { tone: 'approval'; label: string }

export type MappingView = Pick<Mapping, 'localId' | 'qboId' | 'syncedVersion' | 'status' | 'lastError'>
export type OutboxView = Pick<OutboxRow, 'localId' | 'version' | 'op' | 'lastError' | 'nextAttemptAt'>

export interface RecordView {
  version: number
  /** Invoices only: drafts never go to QuickBooks. */
  draft?: boolean
}

const QUEUED_OFFLINE = 'Queued: will send when online.'
export const WAITING_LABEL = 'Waiting for your decision'
export const APPROVAL_LABEL = 'Waiting for approval'

/** The retry time of rows QuickBooks throttled, if any: their words count down to it. */
export function slowDownOf(outbox: readonly Pick<OutboxView, 'lastError' | 'nextAttemptAt'>[]): number | undefined {
  let until: number | undefined
  for (const r of outbox) {
    if (!r.lastError || r.nextAttemptAt === undefined || faultOf(r.lastError).kind !== 'rateLimit') continue
    const t = Date.parse(r.nextAttemptAt)
    if (until === undefined || t > until) until = t
  }
  return until
}

/** "QuickBooks asked us to slow down — trying again in N s" (or "now", once the time has come). */
export function slowDownWords(until: number, now: number): string {
  const s = Math.ceil((until - now) / 1000)
  return s > 0
    ? `QuickBooks asked us to slow down — trying again in ${s} s`
    : 'QuickBooks asked us to slow down — trying again now'
}

/**
 * The fault a stored error stands for. Only the code and the user message survive in IndexedDB, so the
 * kind and suggested action are re-derived through the same classifier the engine used.
 */
export function faultOf(error: Pick<SyncError, 'code'>): { kind: FaultKind; action: FaultAction; field?: string } {
  const { code } = error
  if (code === 'network') return { kind: 'transient', action: 'retry' }
  // Retry cannot help a held payment (its row stays claimed): only the user's answer can.
  if (code === UNVERIFIED_PAYMENT_CODE) return { kind: 'validation', action: 'none' }
  const http = /^http-(\d{3})$/.exec(code)
  const f = http
    ? classifyFault({ type: 'http', status: Number(http[1]) })
    : classifyFault({
        type: 'http',
        status: 400,
        body: { Fault: { Error: [{ code, Message: '', Detail: '' }], type: 'ValidationFault' } },
      })
  return { kind: f.kind, action: f.action, ...(f.field === undefined ? {} : { field: f.field }) }
}

/** QuickBooks account references: chosen once in Settings → QuickBooks, never on a record here. */
const SETTINGS_FIELDS: ReadonlySet<string> = new Set([
  'IncomeAccountRef',
  'ExpenseAccountRef',
  'AssetAccountRef',
  'DepositToAccountRef',
  'FreeTextItemRef',
])

export function fixPlace(field: string | undefined): FixPlace {
  return field !== undefined && SETTINGS_FIELDS.has(field.split('.')[0]!) ? 'settings' : 'record'
}

function failed(e: SyncError): RecordSyncState {
  const f = faultOf(e)
  // The field stored with the error is the one QuickBooks (or the mapper) named; the code's is only a default.
  const field = e.field ?? f.field
  return {
    tone: 'failed',
    label: 'Not sent to QuickBooks',
    message: e.message,
    code: e.code,
    kind: f.kind,
    action: f.action,
    ...(field === undefined ? {} : { field }),
    fixIn: fixPlace(field),
  }
}

/**
 * @example
 * recordSyncState({ version: 3 }, { syncedVersion: 3, status: 'synced', ... }, []) // → { tone: 'synced', … }
 */
export function recordSyncState(
  record: RecordView,
  mapping: MappingView | undefined,
  outbox: readonly OutboxView[],
  /** Manual export is on and the record is an invoice or a payment: a first send waits for approval. */
  approval = false,
): RecordSyncState {
  // Only the user can unblock a row kept with an error and no retry time.
  const undecided = outbox.find((r) => r.lastError?.code === UNDECIDED_CODE)?.lastError
  if (undecided && !mapping) {
    return {
      tone: 'waiting',
      label: WAITING_LABEL,
      message: undecided.message,
      choices: (undecided as { choices?: DecisionChoice[] }).choices ?? [],
    }
  }
  const stuck = outbox.find((r) => r.lastError !== undefined && r.nextAttemptAt === undefined)
  if (stuck?.lastError) return failed(stuck.lastError)
  if (approval && !mapping && outbox.length > 0 && !record.draft) return { tone: 'approval', label: APPROVAL_LABEL }
  if (outbox.length > 0) {
    const retrying = outbox.some((r) => r.lastError !== undefined)
    const label = retrying
      ? (outbox.find((r) => r.lastError)?.lastError?.message ?? 'Will be retried shortly.')
      : mapping
        ? 'Edited since the last sync'
        : 'Waiting to be sent to QuickBooks'
    const slowDownUntil = slowDownOf(outbox)
    return {
      tone: 'pending',
      label,
      retrying,
      offlineNote: QUEUED_OFFLINE,
      ...(slowDownUntil === undefined ? {} : { slowDownUntil }),
    }
  }
  if (mapping?.status === 'error' && mapping.lastError) return failed(mapping.lastError)
  if (mapping && mapping.status !== 'unlinked') {
    if (mapping.syncedVersion >= record.version)
      return { tone: 'synced', label: 'Up to date in QuickBooks', qboId: mapping.qboId }
    return { tone: 'pending', label: 'Edited since the last sync', retrying: false, offlineNote: QUEUED_OFFLINE }
  }
  if (record.draft) return { tone: 'none', label: 'Draft: stays on this tablet' }
  return { tone: 'none', label: 'Not in QuickBooks' }
}

/** Mappings and outbox rows of one kind, indexed by local id, for a whole list at once. */
export interface SyncIndex {
  kind: SyncKind
  mappings: ReadonlyMap<string, MappingView>
  outbox: ReadonlyMap<string, readonly OutboxView[]>
}

export function buildSyncIndex(
  kind: SyncKind,
  mappings: readonly MappingView[],
  outbox: readonly (OutboxView & { kind: SyncKind })[],
): SyncIndex {
  const byId = new Map<string, OutboxView[]>()
  for (const r of outbox) {
    if (r.kind !== kind) continue
    const list = byId.get(r.localId)
    if (list) list.push(r)
    else byId.set(r.localId, [r])
  }
  return { kind, mappings: new Map(mappings.map((m) => [m.localId as string, m])), outbox: byId }
}
