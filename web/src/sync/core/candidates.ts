/**
 * Records → the small projections matching works on. Kept apart from `match` so matching never depends on
 * the shape of a contact or a QuickBooks Customer.
 * @module
 */
import type { Contact, Item } from '#shared/domain/index.ts'
import type { QboCustomer, QboItem } from '#shared/qbo/index.ts'
import type { LocalCandidate, RemoteCandidate } from './match-types.ts'

export const contactCandidate = (c: Pick<Contact, 'id' | 'displayName' | 'email'>): LocalCandidate => ({
  id: c.id,
  name: c.displayName,
  email: c.email,
})

/** Sub-customers (jobs) are matched with jobs, not contacts, so they are left out by `customerCandidates`. */
export const customerCandidate = (
  q: Pick<QboCustomer, 'Id' | 'DisplayName' | 'PrimaryEmailAddr' | 'Active'>,
): RemoteCandidate => ({ id: q.Id, name: q.DisplayName, email: q.PrimaryEmailAddr?.Address, active: q.Active ?? true })

export function customerCandidates(qs: readonly QboCustomer[]): RemoteCandidate[] {
  return qs.filter((q) => q.Job !== true && q.ParentRef === undefined).map(customerCandidate)
}

export const itemCandidate = (i: Pick<Item, 'id' | 'name'>): LocalCandidate => ({ id: i.id, name: i.name })

/** Categories and bundles cannot be invoice lines, so they are never matched to pricebook items. */
export function qboItemCandidates(qs: readonly QboItem[]): RemoteCandidate[] {
  return qs
    .filter((q) => q.Type !== 'Category' && q.Type !== 'Group')
    .map((q) => ({ id: q.Id, name: q.Name, active: q.Active ?? true }))
}
