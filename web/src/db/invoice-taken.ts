/**
 * What an invoice takes from elsewhere and keeps as it was sent: where the work was done, for its ship-to
 * (QuickBooks' ShipAddr), and the QuickBooks item its free-text lines post to. The ship-to is the job's property,
 * else the property chosen on the invoice, else the contact's one property when it has exactly one (with several,
 * the tablet does not guess). Worked out again at every edit of a draft and at finalize; once sent, it stays.
 */
import type { Address, Invoice } from '#shared/domain/index.ts'
import type { FieldsyncDB } from './schema.ts'
import { getSettings } from './settings.ts'

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

/**
 * The invoice with what it takes from elsewhere worked out while it is a draft or being finalized: its ship-to, and
 * the company's free-text item when it has a free-text line with a price. An invoice refused for want of that item
 * takes it at its next edit.
 */
export async function withTaken(db: FieldsyncDB, before: Invoice, after: Invoice): Promise<Invoice> {
  const next = { ...after }
  const freeText = after.lines.some((l) => l.itemId === undefined && l.amount !== 0)
  if (freeText && next.freeTextItemId === undefined) {
    const chosen = (await getSettings(db)).freeTextItemId
    if (chosen !== undefined) next.freeTextItemId = chosen
  }
  if (before.status !== 'draft') return next
  if (!freeText) delete next.freeTextItemId
  const shipAddress = await shipToOf(db, after)
  if (shipAddress === undefined) delete next.shipAddress
  else next.shipAddress = shipAddress
  return next
}
