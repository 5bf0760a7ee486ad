/**
 * QuickBooks' open balance of each invoice a run applies payments to. QuickBooks computes an invoice's total
 * itself, so it can be lower than ours (tax, rounding); a payment applying more than that balance would be
 * refused on `Line.Amount`. The runner checks first and shows a row naming both amounts instead.
 *
 * Balances come from this run's invoice writes, else from one query for the invoices a group of payments
 * needs. A failed query leaves them unknown and the payment goes out unchecked: QuickBooks still refuses an
 * overpayment, so the check only ever turns a raw fault into a clearer one.
 * @module
 */
import type { Payment } from '../../../shared/domain/index.ts'
import { toCents } from './core/map/amounts.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { qboString } from './lookup.ts'
import type { QboEntity, QboGateway } from './ports.ts'
import { key, type Ctx } from './run-context.ts'

export interface InvoiceBalance { balance: number; total: number }

/** By invoice QuickBooks Id, in cents. */
export type Balances = Map<string, InvoiceBalance>

/** What a written or read QuickBooks invoice says about its balance. */
export function balanceOf(invoice: QboEntity): InvoiceBalance | undefined {
  const total = invoice['TotalAmt']
  if (typeof total !== 'number') return undefined
  const balance = typeof invoice['Balance'] === 'number' ? invoice['Balance'] : total
  return { balance: toCents(balance), total: toCents(total) }
}

/** Fetches the balances of `qboIds` not known yet, in one query per 1000. */
export async function loadBalances(gateway: QboGateway, balances: Balances, qboIds: Iterable<string>): Promise<void> {
  const missing = [...new Set(qboIds)].filter((id) => !balances.has(id) && /^\d+$/.test(id))
  for (let i = 0; i < missing.length; i += 1000) {
    const ids = missing.slice(i, i + 1000)
    const r = await gateway.query(`SELECT * FROM Invoice WHERE Id IN (${ids.map(qboString).join(', ')}) MAXRESULTS 1000`)
    if (!r.ok) return
    for (const inv of (r.value['Invoice'] as QboEntity[] | undefined) ?? []) {
      const b = balanceOf(inv)
      if (b && inv.Id !== undefined) balances.set(String(inv.Id), b)
    }
  }
}

type Application = Payment['applications'][number]
const money = (cents: number) => (cents / 100).toFixed(2)

/**
 * The fault for a payment applying more to an invoice than QuickBooks' balance allows, or undefined.
 * `previous` is what this payment applied when last synced: QuickBooks' balance already counts it.
 */
export function overApplied(op: Pick<SyncOp, 'action'>, applications: readonly Application[], previous: readonly Application[],
  qboIdOf: (invoiceId: string) => string | undefined, labelOf: (invoiceId: string) => string, balances: Balances): SyncFault | undefined {
  if (op.action !== 'create' && op.action !== 'update') return undefined
  for (const a of applications) {
    const qboId = qboIdOf(a.invoiceId)
    const known = qboId === undefined ? undefined : balances.get(qboId)
    if (!known) continue
    const already = previous.filter((p) => p.invoiceId === a.invoiceId).reduce((s, p) => s + p.amount, 0)
    const room = known.balance + already
    if (a.amount <= room) continue
    const label = labelOf(a.invoiceId)
    return {
      kind: 'validation', retryable: false, action: 'fix-field', field: 'Line.Amount', code: 'over-balance',
      userMessage: `${label} has ${money(room)} left to pay in QuickBooks (its total there is ${money(known.total)}), `
        + `but this payment applies ${money(a.amount)} to it. Check the invoice's total, then change the amount applied.`,
    }
  }
  return undefined
}

/** Takes a sent payment's applications off the balances, so a second payment in the same run is checked too. */
export function reserve(applications: readonly Application[], previous: readonly Application[], qboIdOf: (invoiceId: string) => string | undefined, balances: Balances): void {
  for (const a of applications) {
    const qboId = qboIdOf(a.invoiceId)
    const known = qboId === undefined ? undefined : balances.get(qboId)
    if (!known) continue
    const already = previous.filter((p) => p.invoiceId === a.invoiceId).reduce((s, p) => s + p.amount, 0)
    balances.set(qboId!, { ...known, balance: Math.max(0, known.balance + already - a.amount) })
  }
}

/**
 * For a group about to be sent: loads the balances its payments need, then returns the fault of each payment
 * that applies more than QuickBooks would take (the others' amounts are reserved for the rest of the run).
 */
export async function holdPaymentsToBalances(ctx: Ctx, ops: readonly SyncOp[]): Promise<Map<string, SyncFault>> {
  const faults = new Map<string, SyncFault>()
  const payments = ops.filter((o) => o.kind === 'payment' && (o.action === 'create' || o.action === 'update') && !o.deactivate)
  if (payments.length === 0) return faults
  const qboIdOf = (invoiceId: string): string | undefined => ctx.mappings.get(key('invoice', invoiceId))?.qboId
  const labelOf = (invoiceId: string) => {
    const inv = ctx.records.get(key('invoice', invoiceId)) as { number?: string } | undefined
    return inv?.number === undefined ? 'The invoice' : `Invoice ${inv.number}`
  }
  const of = (o: SyncOp) => {
    const p = ctx.records.get(key('payment', o.localId ?? '')) as Payment | undefined
    const snap = o.action === 'update' ? ctx.mappings.get(key('payment', o.localId ?? ''))?.snapshot : undefined
    const previous = Array.isArray(snap?.['applications']) ? snap['applications'] as Application[] : []
    return { applications: p?.deletedAt === undefined ? p?.applications ?? [] : [], previous }
  }
  await loadBalances(ctx.gateway, ctx.balances, payments.flatMap((o) => of(o).applications.map((a) => qboIdOf(a.invoiceId)).filter((id): id is string => id !== undefined)))
  for (const o of payments) {
    const { applications, previous } = of(o)
    const fault = overApplied(o, applications, previous, qboIdOf, labelOf, ctx.balances)
    if (fault) faults.set(o.id, fault)
    else reserve(applications, previous, qboIdOf, ctx.balances)
  }
  return faults
}
