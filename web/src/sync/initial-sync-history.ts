/**
 * The history an initial sync brings down so a crew sees what a customer owes: every open invoice, paid ones
 * back to `historyMonths` (a setting, 12 by default) with the payments of that time, and any invoice whose number
 * one here already carries (so matching can find it). Once contacts are linked or created, the history is
 * folded in like a pull: invoices of linked customers arrive with their lines and items, payments applied.
 * @module
 */
import type { QboCustomer, QboInvoice, QboItem, QboPayment } from '#shared/qbo/index.ts'
import { ok, type Result } from '#shared/result.ts'
import { foldPull, missingRefs, type SyncFault } from './core/index.ts'
import type { LocalSnapshot, QboGateway } from './ports.ts'
import { pullAll } from './pull-all.ts'
import type { RunnerDeps } from './runner/index.ts'

export interface History {
  invoices: QboInvoice[]
  payments: QboPayment[]
}

/** The first day of paid history: `months` before today. */
export function historySince(nowMs: number, months: number): string {
  const d = new Date(nowMs)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d.toISOString().slice(0, 10)
}

const quoted = (s: string) => `'${s.replace(/'/g, "\\'")}'`

export async function pullHistory(
  gateway: QboGateway,
  snap: LocalSnapshot,
  nowMs: number,
  tick?: (rows: number) => void,
): Promise<Result<History, SyncFault>> {
  const since = historySince(nowMs, snap.settings.historyMonths)
  const byId = new Map<string, QboInvoice>()
  const add = (rows: QboInvoice[]) => rows.forEach((r) => byId.set(r.Id, r))
  const open = await pullAll<QboInvoice>(gateway, 'Invoice', `Balance > '0'`, tick)
  if (!open.ok) return open
  add(open.value)
  const recent = await pullAll<QboInvoice>(gateway, 'Invoice', `TxnDate >= '${since}'`, tick)
  if (!recent.ok) return recent
  add(recent.value)
  const numbers = [...new Set(snap.records.invoices.map((i) => i.number).filter((n): n is string => !!n?.trim()))]
  for (let i = 0; i < numbers.length; i += 100) {
    const list = numbers
      .slice(i, i + 100)
      .map(quoted)
      .join(', ')
    const same = await pullAll<QboInvoice>(gateway, 'Invoice', `DocNumber IN (${list})`, tick)
    if (!same.ok) return same
    add(same.value)
  }
  const payments = await pullAll<QboPayment>(gateway, 'Payment', `TxnDate >= '${since}'`, tick)
  if (!payments.ok) return payments
  return ok({ invoices: [...byId.values()], payments: payments.value })
}

/**
 * The history folded in after the plan ran: jobs of linked customers, the items the invoices name that are not
 * linked yet, the invoices and the payments. Customers the user left undecided stay out: only jobs are passed.
 */
export async function foldHistory(
  deps: Pick<RunnerDeps, 'store' | 'clock' | 'random' | 'realmId'>,
  remote: { customers: QboCustomer[]; items: QboItem[] } & History,
): Promise<number> {
  const snap = await deps.store.snapshot()
  const page = { Invoice: remote.invoices, Payment: remote.payments }
  const need = missingRefs(snap, [page])
  const items = new Set(need.Item)
  const changes = [
    {
      Customer: remote.customers.filter((c) => c.Job === true),
      Item: remote.items.filter((i) => items.has(i.Id)),
      ...page,
    },
  ]
  const at = new Date(deps.clock.now()).toISOString()
  const fold = foldPull(snap, changes, { at, realmId: deps.realmId, newId: () => deps.random.uuid() })
  for (let i = 0; i < fold.settlements.length; i += 500) await deps.store.settle(fold.settlements.slice(i, i + 500))
  if (fold.docNumbers.length > 0) await deps.store.moveInvoiceNumberPast(fold.docNumbers)
  return fold.created
}
