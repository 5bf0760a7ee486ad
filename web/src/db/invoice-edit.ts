/**
 * The one transaction every invoice edit runs in, shared by the header and line edits; and the invoice's number,
 * editable until QuickBooks has the invoice.
 */
import { validationError } from '#shared/domain/index.ts'
import type { DomainError, Invoice, LocalId, OutboxOp } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { bumped, notFound, queue } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { invoiceNumbers } from './invoice-numbers-source.ts'
import { withTaken } from './invoice-taken.ts'

export const tables = (db: FieldsyncDB) => [
  db.invoices,
  db.contacts,
  db.items,
  db.payments,
  db.settings,
  db.outbox,
  db.jobs,
  db.properties,
]

/** Loads, changes and saves an invoice in one transaction; queues `op` unless it is still a draft. */
export async function edit(
  db: FieldsyncDB,
  id: LocalId,
  op: OutboxOp,
  change: (inv: Invoice) => Promise<Result<Invoice, DomainError>> | Result<Invoice, DomainError>,
): Promise<Result<Invoice, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Invoice, DomainError>> => {
    const before = await db.invoices.get(id)
    if (!before || before.deletedAt) return err(notFound('invoice'))
    const r = await change(before)
    if (!r.ok) return r
    const next = bumped(db, before, await withTaken(db, before, r.value))
    if (!next) return ok(before)
    await db.invoices.put(next)
    if (next.status !== 'draft') await queue(db, 'invoice', next, op)
    return ok(next)
  })
}

/**
 * A new number for an invoice QuickBooks does not have yet (never sent, or refused for its number): validated, never
 * one another invoice here has, and the record's refusal is cleared so the next sync sends it under the new number.
 * Once QuickBooks holds the invoice its number is QuickBooks' business and stays.
 */
export async function setInvoiceNumber(
  db: FieldsyncDB,
  id: LocalId,
  number: string,
): Promise<Result<Invoice, DomainError>> {
  const n = number.trim()
  const invalid = invoiceNumberProblem(n)
  if (invalid) return err(validationError({ number: invalid }))
  return db.transaction('rw', [...tables(db), db.mappings], async (): Promise<Result<Invoice, DomainError>> => {
    if (await db.mappings.get(['invoice', id]))
      return err(validationError({ number: 'QuickBooks has this invoice already: its number stays as it is there.' }))
    const clash = await db.invoices.filter((i) => i.id !== id && i.deletedAt === undefined && i.number === n).first()
    if (clash) return err(validationError({ number: `Another invoice on this tablet is number ${n}.` }))
    const r = await edit(db, id, 'update', (inv) => ok({ ...inv, number: n }))
    if (r.ok) await clearRefusal(db, id)
    return r
  })
}

/** "Use the next free number": the invoice takes the next number of the local sequence that no invoice here has. */
export async function useNextFreeNumber(db: FieldsyncDB, id: LocalId): Promise<Result<Invoice, DomainError>> {
  return db.transaction('rw', [...tables(db), db.mappings], async (): Promise<Result<Invoice, DomainError>> => {
    const used = new Set((await db.invoices.toArray()).flatMap((i) => (i.number === undefined ? [] : [i.number])))
    let next = await invoiceNumbers.take(db)
    while (used.has(next)) next = await invoiceNumbers.take(db)
    return setInvoiceNumber(db, id, next)
  })
}

/** What is wrong with a typed invoice number, if anything (QuickBooks takes up to 21 characters). */
export function invoiceNumberProblem(n: string): string | undefined {
  if (n === '') return 'Enter an invoice number'
  if (n.length > 21) return 'QuickBooks takes invoice numbers of up to 21 characters'
  return undefined
}

/** The unclaimed row's refusal goes: the number it was about changed. */
async function clearRefusal(db: FieldsyncDB, id: LocalId): Promise<void> {
  const rows = await db.outbox.where('[kind+localId]').equals(['invoice', id]).toArray()
  for (const r of rows)
    if (r.batchId === undefined && r.lastError)
      await db.outbox.update(r.seq, { lastError: undefined, nextAttemptAt: undefined, attempts: 0 })
}
