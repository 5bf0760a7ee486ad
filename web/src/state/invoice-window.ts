/**
 * The newest invoices and their contacts' names, read through indexes only, so
 * the invoice list can paint its first screen before the full list (10,000
 * rows and every contact name) has come out of IndexedDB. Read-only.
 */
import type { Invoice } from '#shared/domain/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'

export async function newestInvoices(
  db: FieldsyncDB,
  limit: number,
): Promise<{ invoices: Invoice[]; names: Map<string, string> }> {
  const invoices = await db.invoices
    .orderBy('issueDate')
    .reverse()
    .filter((i) => !i.deletedAt)
    .limit(limit)
    .toArray()
  // The same order as listInvoices: newest day first, then most recently edited.
  invoices.sort((a, b) =>
    a.issueDate === b.issueDate ? b.updatedAt.localeCompare(a.updatedAt) : b.issueDate.localeCompare(a.issueDate),
  )
  const contacts = await db.contacts.bulkGet([...new Set(invoices.map((i) => i.contactId))])
  const names = new Map<string, string>()
  for (const c of contacts) if (c && !c.deletedAt) names.set(c.id, c.displayName)
  return { invoices, names }
}
