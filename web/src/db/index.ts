/**
 * The web app's data layer. Pages read through these functions and write only
 * through the repositories; every write that should reach QuickBooks queues an
 * outbox row in the same transaction.
 *
 * @example
 * const db = appDb()
 * const r = await createContact(db, { givenName: 'Ann', familyName: 'Lee', email: 'ann@example.com' })
 * if (!r.ok) showFieldErrors(r.error)
 */
import { FieldsyncDB } from './schema.ts'

export { FieldsyncDB, latestVersion } from './schema.ts'
export type { ContactRow, DbOptions } from './schema.ts'
export {
  createContact,
  createContacts,
  updateContact,
  deleteContact,
  getContact,
  listContacts,
  findContactsByEmail,
} from './contacts.ts'
export { createItem, createItems, updateItem, deleteItem, getItem, listItems } from './items.ts'
export {
  createInvoice,
  createInvoices,
  updateInvoiceHeader,
  addLine,
  addLineFromItem,
  updateLine,
  removeLine,
  finalizeInvoice,
  voidInvoice,
  deleteDraftInvoice,
  getInvoice,
  listInvoices,
  findInvoiceByNumber,
  localDate,
} from './invoices.ts'
export type { NewInvoice, InvoiceImport } from './invoices.ts'
export {
  recordPayment,
  updatePaymentDetails,
  deletePayment,
  getPayment,
  listPayments,
  openInvoicesForContact,
  autoApply,
} from './payments.ts'
export type { PaymentDetails } from './payments.ts'
export { createProperty, updateProperty, deleteProperty, listPropertiesForContact } from './properties.ts'
export { createJob, updateJob, deleteJob, listJobsForContact } from './jobs.ts'
export {
  createQuote,
  updateQuote,
  addQuoteLine,
  addQuoteLineFromItem,
  removeQuoteLine,
  deleteQuote,
  listQuotesForContact,
} from './quotes.ts'
export { getSettings, updateSettings } from './settings.ts'
export { onLocalEdit, pendingCount, pendingCount$, listOutbox } from './outbox.ts'
export { loadDemoData, loadDemoDataIfRequested, demoRequested } from './demo-data.ts'
export type { DemoSummary } from './demo-data.ts'

let shared: FieldsyncDB | undefined

/** The app's one database connection, opened on first use. */
export function appDb(): FieldsyncDB {
  shared ??= new FieldsyncDB()
  return shared
}
