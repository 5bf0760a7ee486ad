/**
 * What the invoice list reads, in the order it needs it: the newest invoices and their contacts' names through
 * indexes only, so the first screen paints before anything else is read; then every invoice and every contact
 * name, a page at a time, so no single task of the page holds the main thread for long (at tablet speed a read of
 * 10,000 invoices in one piece is hundreds of milliseconds of one task, a filtered cursor over them seconds of
 * callbacks). Read-only.
 */
import type { Invoice } from '#shared/domain/index.ts'
import { readInPages } from '../db/contacts.ts'
import { newestFirst } from '../db/invoices.ts'
import type { ContactRow, FieldsyncDB } from '../db/schema.ts'

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
  invoices.sort(newestFirst)
  const contacts = await db.contacts.bulkGet([...new Set(invoices.map((i) => i.contactId))])
  const names = new Map<string, string>()
  for (const c of contacts) if (c && !c.deletedAt) names.set(c.id, c.displayName)
  return { invoices, names }
}

/** Every invoice not deleted, newest first. */
export async function allInvoices(db: FieldsyncDB): Promise<Invoice[]> {
  const rows = await readInPages<Invoice>(db.invoices)
  return rows.filter((i) => !i.deletedAt).sort(newestFirst)
}

/** Every contact's name by id, inactive ones included; a deleted contact has none (the list says so). */
export async function contactNames(db: FieldsyncDB): Promise<Map<string, string>> {
  const rows = await readInPages<ContactRow>(db.contacts)
  const names = new Map<string, string>()
  for (const c of rows) if (!c.deletedAt) names.set(c.id, c.displayName)
  return names
}
