/**
 * A pull folded into this device, kind by kind in the order references need: customers (and their jobs), then
 * merges followed, items, invoices, payments, and last what QuickBooks deleted. Nothing pulled bumps a version or
 * queues a push; every record written carries its link, so the next edit here goes out as a sparse update.
 * @module
 */
import type { OutboxRow } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse, QboDeletedStub, QboInvoice, QboPayment } from '#shared/qbo/index.ts'
import type { QboEntity } from '../settle/types.ts'
import { unsentByInvoice } from './balance.ts'
import { foldCustomer, foldItem } from './customers.ts'
import { departed, foldDeleted, foldGoneItem, followMerge, survivors } from './gone.ts'
import { itemIdsOf } from './invoice-record.ts'
import { foldInvoice } from './invoices.ts'
import { foldPayment } from './payments.ts'
import { FoldState, type FoldContext, type PullBase, type PullFold } from './state.ts'

const isStub = (e: object): e is QboDeletedStub => (e as { status?: unknown }).status === 'Deleted'

/** Each kind's objects across the answer's pages. */
function kinds(changes: readonly QboCdcQueryResponse[]) {
  const of = <T>(pick: (p: QboCdcQueryResponse) => readonly T[] | undefined) => changes.flatMap((p) => pick(p) ?? [])
  return {
    customers: of((p) => p.Customer) as QboEntity[],
    items: of((p) => p.Item) as QboEntity[],
    invoices: of((p) => p.Invoice),
    payments: of((p) => p.Payment),
  }
}

export function foldPull(base: PullBase, changes: readonly QboCdcQueryResponse[], ctx: FoldContext): PullFold {
  const state = new FoldState(base, ctx)
  const k = kinds(changes)
  const customers = k.customers
  // Parents before their jobs, so a job finds its contact.
  const byLevel = [...customers].sort((a, b) => Number(a['Job'] === true) - Number(b['Job'] === true))
  for (const c of byLevel) if (!isStub(c)) foldCustomer(state, c)

  const invoices = k.invoices.filter((i): i is QboInvoice => !isStub(i))
  const payments = k.payments.filter((p): p is QboPayment => !isStub(p))
  const gone = departed(customers)
  if (gone.size > 0) {
    const names = new Map(customers.map((c) => [String(c.Id), String(c['DisplayName'] ?? '')]))
    const txns = [...invoices, ...payments]
    const kindOf = (t: QboInvoice | QboPayment) => (invoices.includes(t as QboInvoice) ? 'invoice' : 'payment')
    for (const [from, to] of survivors(state, gone, txns, kindOf)) followMerge(state, from, to, names.get(to) ?? '')
  }

  for (const i of k.items) if (!isStub(i)) foldItem(state, i)
  const unsent = unsentByInvoice(base)
  for (const q of invoices) foldInvoice(state, q, unsent)
  for (const q of payments) foldPayment(state, q)

  const seqsOf = (kind: string, localId: string | undefined) =>
    (base.outbox as readonly Partial<OutboxRow>[])
      .filter((o) => o.kind === kind && o.localId === localId && typeof o.seq === 'number')
      .map((o) => o.seq as number)
  const deleted = (kind: 'invoice' | 'payment', list: readonly object[]) => {
    for (const s of list.filter(isStub)) foldDeleted(state, kind, s.Id, seqsOf(kind, state.localIdOf(kind, s.Id)))
  }
  for (const s of k.items.filter(isStub)) foldGoneItem(state, s.Id)
  deleted('payment', k.payments)
  deleted('invoice', k.invoices)
  return state.out
}

/**
 * What the pull's invoices and payments name that is neither here nor in the pull: customers and items to
 * fetch with them, so an invoice made in QuickBooks arrives with its customer and its new item.
 */
export function missingRefs(
  base: PullBase,
  changes: readonly QboCdcQueryResponse[],
): { Customer: string[]; Item: string[] } {
  const linked = new Set(base.mappings.filter((m) => m.status !== 'unlinked').map((m) => `${m.kind}:${m.qboId}`))
  const k = kinds(changes)
  const inPull = new Set<string>([...k.customers, ...k.items].map((e) => String(e.Id)))
  const customers = new Set<string>()
  const items = new Set<string>()
  const here = (kind: string, id: string) => linked.has(`${kind}:${id}`) || inPull.has(id)
  const invoices = k.invoices.filter((i): i is QboInvoice => !isStub(i))
  const payments = k.payments.filter((p): p is QboPayment => !isStub(p))
  for (const t of [...invoices, ...payments]) {
    const c = t.CustomerRef.value
    if (!here('contact', c) && !here('job', c)) customers.add(c)
  }
  for (const q of invoices) for (const id of itemIdsOf(q)) if (!here('item', id)) items.add(id)
  return { Customer: [...customers], Item: [...items] }
}
