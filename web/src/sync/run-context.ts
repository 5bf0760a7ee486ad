/**
 * The state one run carries (snapshot, live mappings, outcomes) and the small steps every path of the runner
 * shares: building a body from a record, and turning a success or a fault into a settlement.
 * @module
 */
import type { Mapping, OutboxRow, SentRequest } from '../../../shared/domain/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { balanceOf, type Balances } from './balances.ts'
import { fieldsOf, refToken, resolverFrom, settle, writeFor } from './core/index.ts'
import type { BackoffPolicy, LocalRecord, MapWarning, RecordContext, SentFrom } from './core/index.ts'
import type { Clock, LocalSnapshot, LocalStore, Logger, OnProgress, QboEntity, QboGateway, Random, Settlement } from './ports.ts'
import type { RunSummary } from './runner.ts'

export interface RunnerDeps {
  store: LocalStore
  gateway: QboGateway
  clock: Clock
  random: Random
  logger?: Logger
  realmId: string
  /** Calls in flight at once; the edge paces to Intuit's limits, this only bounds the queue. */
  concurrency?: number
  /** Tries of one call within a run before it is left queued for a later run. */
  maxAttempts?: number
  /** How long a stored requestid is trusted to be remembered by Intuit; older claimed creates are looked up first. */
  requestIdTrustMs?: number
  backoff?: BackoffPolicy
  onProgress?: OnProgress
  /** QuickBooks records pulled before planning (initial sync), keyed `Entity:Id`: what link and pull ops use. */
  remote?: ReadonlyMap<string, QboEntity>
  /** Default accounts for new items and payments, when settings name none. */
  accounts?: { income?: string | undefined; expense?: string | undefined; deposit?: string | undefined }
  /** Log a row for every skipped record (the initial sync does; routine pushes would repeat them every run). */
  logSkips?: boolean
}

export type Ctx = Required<Pick<RunnerDeps, 'concurrency' | 'maxAttempts' | 'requestIdTrustMs' | 'backoff'>> & RunnerDeps & {
  snap: LocalSnapshot
  records: Map<string, LocalRecord>
  mappings: Map<string, Mapping>
  /** The outbox rows the plan was made from, by seq: their attempts, and what a claimed row stored with its claim. */
  rows: Map<number, OutboxRow>
  outcome: Map<string, 'ok' | 'failed'>
  /** QuickBooks' open balance of invoices this run writes or pays, by QuickBooks Id. */
  balances: Balances
  summary: RunSummary
  stopped: SyncFault | undefined
}

export const key = (kind: string, id: string) => `${kind}:${id}`
export const iso = (ms: number) => new Date(ms).toISOString()

/** What the core's mappers need: QuickBooks Ids by local record (placeholders for those not there yet), accounts. */
export function recordContext(ctx: Ctx): RecordContext {
  const s = ctx.snap.settings
  return {
    ref: resolverFrom((r) => ctx.mappings.get(key(r.kind, r.localId))?.qboId),
    settings: {
      subCustomerJobs: s.subCustomerJobs,
      defaultIncomeAccountId: s.defaultIncomeAccountId ?? ctx.accounts?.income,
      defaultExpenseAccountId: s.defaultExpenseAccountId ?? ctx.accounts?.expense,
      depositAccountId: s.depositAccountId ?? ctx.accounts?.deposit,
    },
  }
}

/** `body` undefined: an update that changes nothing QuickBooks holds, settled without a call. */
type BodyResult = { ok: true; value: QboEntity | undefined; warnings: MapWarning[] } | { ok: false; error: SyncFault }

/**
 * The body for `op`, from the core's `writeFor`: a create's full body; an update's sparse body of just the fields
 * changed since the mapping's snapshot (so a field changed in QuickBooks and not here is left alone); a
 * deactivation; a void's Id and SyncToken. Ids and SyncTokens are the run's live ones, not the plan's.
 */
export function bodyOf(ctx: Ctx, op: SyncOp): BodyResult {
  const rec = op.localId === undefined ? undefined : ctx.records.get(key(op.kind, op.localId))
  if (!rec) return { ok: false, error: localFault('missing-record', 'This record is no longer on this device.') }
  const mapping = ctx.mappings.get(key(op.kind, op.localId!))
  if (op.action !== 'create' && !mapping) return { ok: false, error: localFault('not-linked', 'This record is not linked to QuickBooks yet.') }
  const live: SyncOp = mapping ? { ...op, qboId: mapping.qboId, syncToken: mapping.syncToken } : op
  const w = writeFor(live, rec, recordContext(ctx), op.action === 'create' ? undefined : mapping?.snapshot)
  if (!w.ok) return { ok: false, error: { ...localFault('map', w.error.message), field: w.error.field } }
  const body = w.value.value?.body as QboEntity | undefined
  // The mappers leave a placeholder where a referenced record has no QuickBooks Id yet.
  if (body && JSON.stringify(body).includes(REF_PREFIX)) return { ok: false, error: localFault('missing-reference', 'A record it refers to is not in QuickBooks yet.') }
  return { ok: true, value: body, warnings: w.value.warnings }
}

const REF_PREFIX = refToken({ kind: 'contact', localId: '' }).replace(/contact:$/, '')

export function localFault(code: string, userMessage: string): SyncFault {
  return { kind: 'validation', retryable: false, userMessage, action: 'fix-field', code }
}

/**
 * The request `op` is about to send with `body`, as its claim stores it: built from the record as it is now, for
 * the version its row settles. (After a release the record may be newer than that row; its own later row then
 * finds nothing left to send.)
 */
export function requestOf(ctx: Ctx, op: SyncOp, body: QboEntity): SentRequest {
  const rec = ctx.records.get(key(op.kind, op.localId ?? ''))!
  return { body, fields: fieldsOf(rec), version: op.version ?? rec.version }
}

/**
 * The request of a row claimed before claims stored theirs: rebuilt from the record now, the best there is. When
 * the record changed since the claim, what QuickBooks holds is unknown here: an empty snapshot makes the next
 * update send every field rather than drop the edit.
 */
export function rebuiltRequest(ctx: Ctx, op: SyncOp, body: QboEntity): SentRequest {
  const rec = ctx.records.get(key(op.kind, op.localId ?? ''))!
  const version = op.version ?? rec.version
  return { body, fields: rec.version === version ? fieldsOf(rec) : {}, version }
}

export interface Success {
  /** What went out; without it (nothing needed sending) the record as it is stands for what QuickBooks holds. */
  sent?: SentFrom | undefined
  warnings?: readonly MapWarning[] | undefined
  unchanged?: boolean
}

export function succeed(ctx: Ctx, op: SyncOp, entity: QboEntity, seqs: number[], s: Success = {}): Settlement {
  ctx.outcome.set(op.id, 'ok')
  ctx.summary.synced++
  const balance = op.kind === 'invoice' ? balanceOf(entity) : undefined
  if (balance && entity.Id !== undefined) ctx.balances.set(String(entity.Id), balance)
  return settle(op, { type: 'ok', entity, sent: s.sent, warnings: s.warnings, unchanged: s.unchanged }, settleContext(ctx, op, seqs))
}

export function fail(ctx: Ctx, op: SyncOp, fault: SyncFault, seqs: number[], release: boolean): Settlement {
  ctx.outcome.set(op.id, 'failed')
  ctx.summary.failed++
  return settle(op, { type: 'fault', fault, release }, settleContext(ctx, op, seqs))
}

function settleContext(ctx: Ctx, op: SyncOp, seqs: number[]) {
  const k = key(op.kind, op.localId ?? '')
  return {
    realmId: ctx.realmId, now: ctx.clock.now(), seqs, previous: ctx.mappings.get(k), record: ctx.records.get(k),
    attempts: Math.max(0, ...seqs.map((s) => ctx.rows.get(s)?.attempts ?? 0)), random: () => ctx.random.next(),
    backoff: ctx.backoff,
  }
}
