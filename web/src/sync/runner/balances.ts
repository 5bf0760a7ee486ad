/**
 * Holds payments to QuickBooks' open balance of the invoices they pay. Balances come from this run's invoice
 * writes, else from one query for the invoices a group of payments needs. A failed query leaves them unknown
 * and the payment goes out unchecked: QuickBooks still refuses an overpayment, so the check only ever turns a
 * raw fault into a clearer one.
 * @module
 */
import type { Payment } from '#shared/domain/index.ts'
import { balanceOf, overApplied, qboString, recordKey, reserve } from '../core/index.ts'
import type { Application, Balances, InvoiceBalance, PaymentCheck, SyncFault, SyncOp } from '../core/index.ts'
import type { QboEntity, QboGateway } from '../ports.ts'
import type { RunView } from './state.ts'

/** The balances of `qboIds` not known yet added to `known`, fetched in one query per 1000. */
export async function loadBalances(
  gateway: QboGateway,
  known: ReadonlyMap<string, InvoiceBalance>,
  qboIds: Iterable<string>,
): Promise<Balances> {
  const balances: Balances = new Map(known)
  const missing = [...new Set(qboIds)].filter((id) => !balances.has(id) && /^\d+$/.test(id))
  for (let i = 0; i < missing.length; i += 1000) {
    const ids = missing.slice(i, i + 1000)
    const list = ids.map(qboString).join(', ')
    const r = await gateway.query(`SELECT * FROM Invoice WHERE Id IN (${list}) MAXRESULTS 1000`)
    if (!r.ok) return balances
    for (const inv of (r.value['Invoice'] as QboEntity[] | undefined) ?? []) {
      const b = balanceOf(inv)
      if (b && inv.Id !== undefined) balances.set(String(inv.Id), b)
    }
  }
  return balances
}

/**
 * For a group about to be sent: loads the balances its payments need, then the fault of each payment that applies
 * more than QuickBooks would take, and the balances with the others' amounts reserved for the rest of the run.
 */
export async function holdPayments(
  run: RunView,
  ops: readonly SyncOp[],
): Promise<{ faults: Map<string, SyncFault>; balances: Balances | undefined }> {
  const faults = new Map<string, SyncFault>()
  const payments = ops.filter(
    (o) => o.kind === 'payment' && (o.action === 'create' || o.action === 'update') && !o.deactivate,
  )
  if (payments.length === 0) return { faults, balances: undefined }
  const { records, mappings } = run.state
  const qboIdOf = (invoiceId: string): string | undefined => mappings.get(recordKey('invoice', invoiceId))?.qboId
  const labelOf = (invoiceId: string) => {
    const inv = records.get(recordKey('invoice', invoiceId)) as { number?: string } | undefined
    return inv?.number === undefined ? 'The invoice' : `Invoice ${inv.number}`
  }
  const checkOf = (o: SyncOp): PaymentCheck => {
    const p = records.get(recordKey('payment', o.localId ?? '')) as Payment | undefined
    const snap = o.action === 'update' ? mappings.get(recordKey('payment', o.localId ?? ''))?.snapshot : undefined
    const previous = Array.isArray(snap?.['applications']) ? (snap['applications'] as Application[]) : []
    return { applications: p?.deletedAt === undefined ? (p?.applications ?? []) : [], previous, qboIdOf, labelOf }
  }
  const needed = payments
    .flatMap((o) => checkOf(o).applications.map((a) => qboIdOf(a.invoiceId)))
    .filter((id): id is string => id !== undefined)
  let balances = await loadBalances(run.gateway, run.state.balances, needed)
  for (const o of payments) {
    const check = checkOf(o)
    const fault = overApplied(o, check, balances)
    if (fault) faults.set(o.id, fault)
    else balances = reserve(check, balances)
  }
  return { faults, balances }
}
