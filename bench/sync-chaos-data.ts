/**
 * The chaos benchmark's device: `n` records in a contractor's proportions — a quarter contacts, a few items,
 * half finalized invoices (1–3 lines each), the rest payments applied to those invoices — all queued for
 * QuickBooks, as after a week of offline work or a first connect. Deterministic: the same `n` gives the same
 * ids, names, amounts and outbox, so a clean and a chaotic run push exactly the same thing.
 * @module
 */
import type { Contact, Invoice, Item, OutboxRow, Payment } from '#shared/domain/index.ts'
import { MemoryStore } from '../web/src/sync/adapters/memory-store.ts'

export interface ChaosData {
  contacts: Contact[]
  items: Item[]
  invoices: Invoice[]
  payments: Payment[]
}

export function chaosData(n: number): ChaosData {
  const at = '2026-03-01T09:00:00.000Z'
  const id = (p: string, i: number) => `${p}-0000-4000-8000-${String(i).padStart(12, '0')}`
  const nItems = Math.max(1, Math.round(n * 0.015))
  const nContacts = Math.max(1, Math.round(n * 0.25))
  const nInvoices = Math.max(1, Math.round(n * 0.5))
  const nPayments = Math.max(0, n - nItems - nContacts - nInvoices)
  const contacts: Contact[] = Array.from({ length: nContacts }, (_, i) => ({
    id: id('0000000c', i) as Contact['id'],
    version: 1,
    updatedAt: at,
    displayName: `Chaos Customer ${i}`,
    givenName: 'Chaos',
    familyName: `Customer ${i}`,
    email: `chaos${i}@example.com`,
    ...(i % 3 === 0 ? { phone: `(916) 555-${String(i % 10_000).padStart(4, '0')}` } : {}),
    active: true,
  }))
  const items: Item[] = Array.from({ length: nItems }, (_, i) => ({
    id: id('0000000a', i) as Item['id'],
    version: 1,
    updatedAt: at,
    name: `Chaos Item ${i}`,
    type: i % 4 === 0 ? 'product' : 'service',
    unitPrice: 2_500 + 125 * i,
    taxable: false,
    active: true,
  }))
  const invoices: Invoice[] = Array.from({ length: nInvoices }, (_, i) => {
    const lines = Array.from({ length: 1 + (i % 3) }, (_, l) => {
      const item = items[(i * 7 + l * 13) % nItems]!
      const qty = 1000 * (1 + ((i + l) % 4))
      return {
        id: `L${l + 1}`,
        itemId: item.id,
        name: item.name,
        qty,
        unitPrice: item.unitPrice,
        amount: (qty / 1000) * item.unitPrice,
        taxable: false,
      }
    })
    const total = lines.reduce((s, l) => s + l.amount, 0)
    return {
      id: id('0000000b', i) as Invoice['id'],
      version: 1,
      updatedAt: at,
      number: `CH${i}`,
      contactId: contacts[i % nContacts]!.id,
      status: 'finalized' as const,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      lines,
      taxRateBps: 0,
      subtotal: total,
      tax: 0,
      total,
      balance: total,
    }
  })
  const payments: Payment[] = Array.from({ length: nPayments }, (_, i) => {
    const inv = invoices[i % nInvoices]!
    // Most pay in full; every fifth pays half. A payment never exceeds what its invoice still owes.
    const amount = i % 5 === 4 ? Math.floor(inv.total / 2) : inv.total
    return {
      id: id('0000000d', i) as Payment['id'],
      version: 1,
      updatedAt: at,
      contactId: inv.contactId,
      date: '2026-03-02',
      amount,
      method: 'check' as const,
      reference: `CHK${i}`,
      applications: [{ invoiceId: inv.id, amount }],
    }
  })
  return { contacts, items, invoices, payments }
}

/** A fresh store holding `data` with every record queued for create, in the order the repositories would queue it. */
export function chaosStore(data: ChaosData): MemoryStore {
  const store = new MemoryStore({
    records: { contacts: data.contacts, items: data.items, invoices: data.invoices, payments: data.payments },
  })
  const row = (kind: OutboxRow['kind'], localId: string): Omit<OutboxRow, 'seq'> => ({
    kind,
    localId: localId as OutboxRow['localId'],
    version: 1,
    op: 'create',
    createdAt: '2026-03-01T09:00:00.000Z',
    attempts: 0,
  })
  for (const c of data.contacts) store.enqueue(row('contact', c.id))
  for (const i of data.items) store.enqueue(row('item', i.id))
  for (const v of data.invoices) store.enqueue(row('invoice', v.id))
  for (const p of data.payments) store.enqueue(row('payment', p.id))
  return store
}
