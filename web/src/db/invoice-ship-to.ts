/**
 * Where the work was done, for the invoice's ship-to (QuickBooks' ShipAddr): the job's property, else the property
 * chosen on the invoice, else the contact's one property when it has exactly one (with several, the tablet does not
 * guess). Worked out again at every edit of a draft and at finalize; once sent, the address stays as it went.
 */
import type { Address, Invoice } from '#shared/domain/index.ts'
import type { FieldsyncDB } from './schema.ts'

export async function shipToOf(
  db: FieldsyncDB,
  inv: Pick<Invoice, 'contactId' | 'jobId' | 'propertyId'>,
): Promise<Address | undefined> {
  const job = inv.jobId === undefined ? undefined : await db.jobs.get(inv.jobId)
  for (const id of [job?.deletedAt ? undefined : job?.propertyId, inv.propertyId]) {
    if (id === undefined) continue
    const p = await db.properties.get(id)
    if (p && !p.deletedAt) return p.address
  }
  const own = await db.properties
    .where('contactId')
    .equals(inv.contactId)
    .filter((p) => !p.deletedAt)
    .toArray()
  return own.length === 1 ? own[0]!.address : undefined
}

/** The invoice with its ship-to worked out, while it is a draft or being finalized. */
export async function withShipTo(db: FieldsyncDB, before: Invoice, after: Invoice): Promise<Invoice> {
  if (before.status !== 'draft') return after
  const shipAddress = await shipToOf(db, after)
  const next = { ...after }
  if (shipAddress === undefined) delete next.shipAddress
  else next.shipAddress = shipAddress
  return next
}
