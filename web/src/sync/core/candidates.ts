/**
 * Records → the small projections matching works on. Kept apart from `match` so matching never depends on
 * the shape of a contact or a QuickBooks Customer.
 * @module
 */
import type { Contact, Invoice, Item, Job } from '../../../../shared/domain/index.ts'
import type { QboCustomer, QboInvoice, QboItem } from '../../../../shared/qbo/index.ts'
import type { LocalInvoiceCandidate, RemoteInvoiceCandidate } from './match-invoices.ts'
import type { LocalJobCandidate, RemoteJobCandidate } from './match-jobs.ts'
import type { LocalCandidate, RemoteCandidate } from './match-types.ts'

export const contactCandidate = (c: Pick<Contact, 'id' | 'displayName' | 'email'>): LocalCandidate =>
  ({ id: c.id, name: c.displayName, email: c.email })

/** Sub-customers (jobs) are matched with jobs, not contacts, so they are left out by `customerCandidates`. */
export const customerCandidate = (q: Pick<QboCustomer, 'Id' | 'DisplayName' | 'PrimaryEmailAddr' | 'Active'>): RemoteCandidate =>
  ({ id: q.Id, name: q.DisplayName, email: q.PrimaryEmailAddr?.Address, active: q.Active ?? true })

export function customerCandidates(qs: readonly QboCustomer[]): RemoteCandidate[] {
  return qs.filter((q) => q.Job !== true && q.ParentRef === undefined).map(customerCandidate)
}

export const itemCandidate = (i: Pick<Item, 'id' | 'name'>): LocalCandidate => ({ id: i.id, name: i.name })

/** Categories and bundles cannot be invoice lines, so they are never matched to pricebook items. */
export function qboItemCandidates(qs: readonly QboItem[]): RemoteCandidate[] {
  return qs.filter((q) => q.Type !== 'Category' && q.Type !== 'Group').map((q) => ({ id: q.Id, name: q.Name, active: q.Active ?? true }))
}

/** `customerQboIdOf` gives the QuickBooks Id the invoice's contact is linked to (mapping or match), if any. */
export const invoiceCandidate = (i: Pick<Invoice, 'id' | 'number' | 'contactId'>, customerQboIdOf: (contactId: string) => string | undefined): LocalInvoiceCandidate =>
  ({ id: i.id, docNumber: i.number, customerQboId: customerQboIdOf(i.contactId) })

export const qboInvoiceCandidate = (q: Pick<QboInvoice, 'Id' | 'DocNumber' | 'CustomerRef'>): RemoteInvoiceCandidate =>
  ({ id: q.Id, docNumber: q.DocNumber, customerQboId: q.CustomerRef.value })

export const jobCandidate = (j: Pick<Job, 'id' | 'name' | 'contactId'>, parentQboIdOf: (contactId: string) => string | undefined): LocalJobCandidate =>
  ({ id: j.id, name: j.name, parentQboId: parentQboIdOf(j.contactId) })

/** Sub-customers (jobs) only: those with a parent. */
export function subCustomerCandidates(qs: readonly QboCustomer[]): RemoteJobCandidate[] {
  return qs.flatMap((q) => (q.ParentRef === undefined ? [] : [{ id: q.Id, name: q.DisplayName, parentQboId: q.ParentRef.value, active: q.Active ?? true }]))
}
