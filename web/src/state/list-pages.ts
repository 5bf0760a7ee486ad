/**
 * What the payments and pricebook lists read: every row of their table in primary-key pages (one native read
 * each, in a task of its own) and sorted here, instead of a filtered cursor that calls back into script once per
 * row; the invoice numbers a payment shows are read by key. Read-only.
 */
import type { Item, Payment } from '#shared/domain/index.ts'
import { readInPages } from '../db/contacts.ts'
import type { FieldsyncDB } from '../db/schema.ts'

const newer = (x: string, y: string) => (x === y ? 0 : x < y ? 1 : -1)

/** Every payment not deleted, newest first (by date, then last change). */
export async function allPayments(db: FieldsyncDB): Promise<Payment[]> {
  const rows = (await readInPages<Payment>(db.payments)).filter((p) => !p.deletedAt)
  return rows.sort((a, b) => newer(a.date, b.date) || newer(a.updatedAt, b.updatedAt))
}

/** The numbers ("draft" before one is taken) of the invoices these payments apply to; a deleted one has none. */
export async function appliedNumbers(db: FieldsyncDB, payments: readonly Payment[]): Promise<Map<string, string>> {
  const ids = [...new Set(payments.flatMap((p) => p.applications.map((a) => a.invoiceId)))]
  const numbers = new Map<string, string>()
  for (const i of await db.invoices.bulkGet(ids)) if (i && !i.deletedAt) numbers.set(i.id, i.number ?? 'draft')
  return numbers
}

/** Every item not deleted, in the name index's order (name, then id). */
export async function allItems(db: FieldsyncDB): Promise<Item[]> {
  const rows = (await readInPages<Item>(db.items)).filter((i) => !i.deletedAt)
  return rows.sort((a, b) => -newer(a.name, b.name) || -newer(a.id, b.id))
}

/** The items a search shows: active ones unless asked, matching name or SKU (any case). */
export function matchingItems(items: readonly Item[], search: string, includeInactive: boolean): Item[] {
  const needle = search.trim().toLowerCase()
  return items.filter(
    (i) =>
      (includeInactive || i.active) &&
      (!needle || i.name.toLowerCase().includes(needle) || (i.sku ?? '').toLowerCase().includes(needle)),
  )
}
