/** The one transaction every invoice edit runs in, shared by the header and line edits. */
import type { DomainError, Invoice, LocalId, OutboxOp } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { bumped, notFound, queue } from './records.ts'
import type { FieldsyncDB } from './schema.ts'

export const tables = (db: FieldsyncDB) => [db.invoices, db.contacts, db.items, db.payments, db.settings, db.outbox]

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
    const next = bumped(db, before, r.value)
    if (!next) return ok(before)
    await db.invoices.put(next)
    if (next.status !== 'draft') await queue(db, 'invoice', next, op)
    return ok(next)
  })
}
