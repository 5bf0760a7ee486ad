/**
 * The state one run carries (snapshot, live mappings, outcomes) and the small steps every path of the runner
 * shares: building a body from a record, and turning a success or a fault into a settlement.
 * @module
 */
import type { Mapping } from '../../../shared/domain/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { backoffMs, type BackoffPolicy } from './backoff.ts'
import { balanceOf, type Balances } from './balances.ts'
import { recordToQbo, refToken, resolverFrom } from './core/index.ts'
import type { LocalRecord, MapWarning, RecordContext } from './core/index.ts'
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

type BodyResult = { ok: true; value: QboEntity; warnings: MapWarning[] } | { ok: false; error: SyncFault }

/** The body for `op` from the core's mappers: a create's full body, an update's full body sent as sparse, a void's ids. */
export function bodyOf(ctx: Ctx, op: SyncOp): BodyResult {
  const rec = op.localId === undefined ? undefined : ctx.records.get(key(op.kind, op.localId))
  if (!rec) return { ok: false, error: localFault('missing-record', 'This record is no longer on this device.') }
  const mapping = ctx.mappings.get(key(op.kind, op.localId!))
  if (op.action !== 'create' && !mapping) return { ok: false, error: localFault('not-linked', 'This record is not linked to QuickBooks yet.') }
  const ids = mapping ? { Id: mapping.qboId as string, SyncToken: mapping.syncToken as string } : {}
  if (op.action === 'void') return { ok: true, value: { ...ids, sparse: true }, warnings: [] }
  if (op.deactivate) return { ok: true, value: { ...ids, sparse: true, Active: false }, warnings: [] }
  const mapped = recordToQbo(op.kind, rec, recordContext(ctx))
  if (!mapped.ok) return { ok: false, error: { ...localFault('map', mapped.error.message), field: mapped.error.field } }
  const body = mapped.value.value as QboEntity
  // The mappers leave a placeholder where a referenced record has no QuickBooks Id yet.
  if (JSON.stringify(body).includes(REF_PREFIX)) return { ok: false, error: localFault('missing-reference', 'A record it refers to is not in QuickBooks yet.') }
  return { ok: true, value: op.action === 'create' ? body : { ...body, ...ids, sparse: true }, warnings: mapped.value.warnings }
}

const REF_PREFIX = refToken({ kind: 'contact', localId: '' }).replace(/contact:$/, '')

export function localFault(code: string, userMessage: string): SyncFault {
  return { kind: 'validation', retryable: false, userMessage, action: 'fix-field', code }
}

export function succeed(ctx: Ctx, op: SyncOp, entity: QboEntity, seqs: number[], warnings: readonly MapWarning[] = []): Settlement {
  ctx.outcome.set(op.id, 'ok')
  ctx.summary.synced++
  const rec = ctx.records.get(key(op.kind, op.localId ?? ''))!
  const balance = op.kind === 'invoice' ? balanceOf(entity) : undefined
  if (balance && entity.Id !== undefined) ctx.balances.set(String(entity.Id), balance)
  return successSettlement({ op, entity, record: rec, seqs, realmId: ctx.realmId, at: iso(ctx.clock.now()), previous: ctx.mappings.get(key(op.kind, op.localId ?? '')), warnings })
}

export function fail(ctx: Ctx, op: SyncOp, fault: SyncFault, seqs: number[], release: boolean): Settlement {
  ctx.outcome.set(op.id, 'failed')
  ctx.summary.failed++
  const attempts = Math.max(0, ...seqs.map((s) => ctx.attemptsOf.get(s) ?? 0)) + 1
  const nextAttemptAt = fault.retryable ? iso(ctx.clock.now() + backoffMs(attempts, ctx.random.next(), fault.retryAfterMs, ctx.backoff)) : undefined
  return failureSettlement({ op, fault, seqs, attempts, at: iso(ctx.clock.now()), release, nextAttemptAt, previous: ctx.mappings.get(key(op.kind, op.localId ?? '')) })
}

