/**
 * The state one run carries (snapshot, live mappings, outcomes) and the small steps every path of the runner
 * shares: building a body from a record, and turning a success or a fault into a settlement.
 * @module
 */
import type { Mapping } from '../../../shared/domain/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { backoffMs, type BackoffPolicy } from './backoff.ts'
import { refToken } from './core/index.ts'
import { MapRefusal, toQbo, type LocalRecord, type PayloadContext } from './payloads.ts'
import type { Clock, LocalSnapshot, LocalStore, Logger, OnProgress, QboEntity, QboGateway, Random, Settlement } from './ports.ts'
import { failureSettlement, successSettlement } from './settlements.ts'
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
  attemptsOf: Map<number, number>
  outcome: Map<string, 'ok' | 'failed'>
  summary: RunSummary
  stopped: SyncFault | undefined
}

export const key = (kind: string, id: string) => `${kind}:${id}`
export const iso = (ms: number) => new Date(ms).toISOString()

export function payloadContext(ctx: Ctx): PayloadContext {
  const s = ctx.snap.settings
  return {
    qboIdOf: (kind, localId) => ctx.mappings.get(key(kind, localId))?.qboId,
    incomeAccountId: s.defaultIncomeAccountId ?? ctx.accounts?.income,
    expenseAccountId: s.defaultExpenseAccountId ?? ctx.accounts?.expense,
    depositAccountId: s.depositAccountId ?? ctx.accounts?.deposit,
  }
}

type BodyResult = { ok: true; value: QboEntity } | { ok: false; error: SyncFault }

export function bodyOf(ctx: Ctx, op: SyncOp): BodyResult {
  const rec = op.localId === undefined ? undefined : ctx.records.get(key(op.kind, op.localId))
  if (!rec) return { ok: false, error: localFault('missing-record', 'This record is no longer on this device.') }
  const mapping = ctx.mappings.get(key(op.kind, op.localId!))
  if (op.action !== 'create' && !mapping) return { ok: false, error: localFault('not-linked', 'This record is not linked to QuickBooks yet.') }
  const ids = mapping ? { Id: mapping.qboId as string, SyncToken: mapping.syncToken as string } : {}
  if (op.action === 'void') return { ok: true, value: { ...ids, sparse: true } }
  if (op.deactivate) return { ok: true, value: { ...ids, sparse: true, Active: false } }
  let body: QboEntity
  try {
    body = toQbo(op.kind, rec, payloadContext(ctx))
  } catch (e) {
    if (e instanceof MapRefusal) return { ok: false, error: { ...localFault('map', e.message), field: e.field } }
    throw e
  }
  const missing = missingRef(body)
  if (missing) return { ok: false, error: localFault('missing-reference', `${missing} is not in QuickBooks yet.`) }
  return { ok: true, value: op.action === 'create' ? body : { ...body, ...ids, sparse: true } }
}

const REF_PREFIX = refToken({ kind: 'contact', localId: '' }).replace(/contact:$/, '')

function missingRef(body: QboEntity): string | undefined {
  // The core's mappers leave a placeholder where a referenced record has no QuickBooks Id yet.
  if (JSON.stringify(body).includes(REF_PREFIX)) return 'A record it refers to'
  const cust = body['CustomerRef'] as { value?: string } | undefined
  if ('CustomerRef' in body || body['Line'] !== undefined) {
    if (body['Line'] !== undefined && cust === undefined && ('TxnDate' in body)) return 'The customer'
  }
  for (const line of (body['Line'] as { LinkedTxn?: { TxnId: string }[] }[] | undefined) ?? []) {
    if (line.LinkedTxn?.some((t) => t.TxnId === '')) return 'An invoice this payment applies to'
  }
  return undefined
}

export function localFault(code: string, userMessage: string): SyncFault {
  return { kind: 'validation', retryable: false, userMessage, action: 'fix-field', code }
}

export function succeed(ctx: Ctx, op: SyncOp, entity: QboEntity, seqs: number[]): Settlement {
  ctx.outcome.set(op.id, 'ok')
  ctx.summary.synced++
  const rec = ctx.records.get(key(op.kind, op.localId ?? ''))!
  return successSettlement({ op, entity, record: rec, seqs, realmId: ctx.realmId, at: iso(ctx.clock.now()), previous: ctx.mappings.get(key(op.kind, op.localId ?? '')) })
}

export function fail(ctx: Ctx, op: SyncOp, fault: SyncFault, seqs: number[], release: boolean): Settlement {
  ctx.outcome.set(op.id, 'failed')
  ctx.summary.failed++
  const attempts = Math.max(0, ...seqs.map((s) => ctx.attemptsOf.get(s) ?? 0)) + 1
  const nextAttemptAt = fault.retryable ? iso(ctx.clock.now() + backoffMs(attempts, ctx.random.next(), fault.retryAfterMs, ctx.backoff)) : undefined
  return failureSettlement({ op, fault, seqs, attempts, at: iso(ctx.clock.now()), release, nextAttemptAt, previous: ctx.mappings.get(key(op.kind, op.localId ?? '')) })
}

