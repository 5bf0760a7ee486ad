/**
 * The one place a run's state changes: what the steps settled is committed to the store, then the run's
 * mappings, outcomes, summary and balances follow. Also the step-side helpers that turn an op's result into a
 * `Settled` through the core's `settle`.
 * @module
 */
import { ok } from '#shared/result.ts'
import { balanceOf, bodyOf, invoiceCreateBody, recordKey, settle, withQuickBooksNumber } from '../core/index.ts'
import type { BodyResult, OpOutcome, SettleContext, SyncFault, SyncOp } from '../core/index.ts'
import type { QboEntity } from '../ports.ts'
import { iso, mappingOf, recordContext, recordOf, type Run, type RunView, type Settled } from './state.ts'

export async function commit(run: Run, settled: readonly Settled[]): Promise<void> {
  const settlements = settled.flatMap((s) => (s.settlement ? [s.settlement] : []))
  if (settlements.length > 0) await run.store.settle(settlements)
  const { state } = run
  for (const { mapping: m } of settlements) if (m) state.mappings.set(recordKey(m.kind, m.localId), m)
  for (const s of settled) {
    if (s.opId !== undefined && s.outcome) state.outcome.set(s.opId, s.outcome)
    if (s.tally) state.summary[s.tally]++
    const retryAt = s.tally === 'failed' ? s.settlement?.failed?.nextAttemptAt : undefined
    if (retryAt !== undefined) {
      const ms = Date.parse(retryAt)
      if (state.summary.retryAt === undefined || ms < state.summary.retryAt) state.summary.retryAt = ms
    }
    if (s.balance) state.balances.set(...s.balance)
  }
}

function settleContext(run: RunView, op: SyncOp, seqs: number[]): SettleContext {
  return {
    realmId: run.realmId,
    now: run.clock.now(),
    seqs,
    previous: mappingOf(run, op),
    record: recordOf(run, op),
    attempts: Math.max(0, ...seqs.map((s) => run.state.rows.get(s)?.attempts ?? 0)),
    random: () => run.random.next(),
    backoff: run.backoff,
  }
}

export interface Success {
  /** What went out; without it (nothing needed sending) the record as it is stands for what QuickBooks holds. */
  sent?: Extract<OpOutcome, { type: 'ok' }>['sent']
  warnings?: Extract<OpOutcome, { type: 'ok' }>['warnings']
  unchanged?: boolean
}

export function succeeded(run: RunView, op: SyncOp, entity: QboEntity, seqs: number[], s: Success = {}): Settled {
  const balance = op.kind === 'invoice' ? balanceOf(entity) : undefined
  const settled = settle(op, { type: 'ok', entity, ...s }, settleContext(run, op, seqs))
  // A new invoice QuickBooks numbered (or numbered otherwise than asked) shows QuickBooks' number from now on.
  const record = op.kind === 'invoice' && op.action === 'create' ? recordOf(run, op) : undefined
  const settlement = record ? withQuickBooksNumber(settled, record as never, entity['DocNumber']) : settled
  return {
    settlement,
    opId: op.id,
    outcome: 'ok',
    tally: 'synced',
    balance: balance && entity.Id !== undefined ? [String(entity.Id), balance] : undefined,
  }
}

export function failed(run: RunView, op: SyncOp, fault: SyncFault, seqs: number[], release: boolean): Settled {
  return {
    settlement: settle(op, { type: 'fault', fault, release }, settleContext(run, op, seqs)),
    opId: op.id,
    outcome: 'failed',
    tally: 'failed',
  }
}

export function blocked(run: RunView, op: SyncOp): Settled {
  const ctx = { ...settleContext(run, op, []), previous: undefined }
  return { settlement: settle(op, { type: 'blocked' }, ctx), opId: op.id, outcome: 'failed', tally: 'skipped' }
}

/** Marks an op's outcome without a settlement or a count (its rows are another runner's, or wait in a batch). */
export const marked = (op: SyncOp, outcome: 'ok' | 'failed'): Settled => ({ opId: op.id, outcome })

/** The body of `op` from the run's live record, mapping and settings. */
export function bodyFor(run: RunView, op: SyncOp): BodyResult {
  return bodyOf(op, recordOf(run, op), mappingOf(run, op), recordContext(run))
}

/**
 * The body of a new request for `op`. A new invoice carries the app's key (what finds it if the answer is lost),
 * and no DocNumber when the company lets QuickBooks number invoices (the numbers step read which, this run).
 */
export function newBodyFor(run: RunView, op: SyncOp): BodyResult {
  const b = bodyFor(run, op)
  if (!b.ok || b.value.body === undefined || op.kind !== 'invoice' || op.action !== 'create' || !op.localId) return b
  const body = invoiceCreateBody(b.value.body, op.localId, run.state.quickBooksNumbers) as QboEntity
  return ok({ ...b.value, body })
}

export const nowIso = (run: RunView) => iso(run.clock.now())
