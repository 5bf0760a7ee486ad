/** The app's domain vocabulary (camelCase), shared by the web app and the sync engine. */
export {
  LocalId,
  newLocalId,
  Timestamp,
  CalendarDate,
  Cents,
  NonNegativeCents,
  PositiveCents,
  QtyThousandths,
  TaxRateBps,
  Syncable,
  SyncKind,
} from './common.ts'
export { Address, formatAddress } from './address.ts'
export { Contact, ContactInput, deriveDisplayName, emailKey, nameKey } from './contact.ts'
export { Property, PropertyInput } from './property.ts'
export { Job, JobInput, JobStatus } from './job.ts'
export { Item, ItemInput, ItemType } from './item.ts'
export { Line, LineInput } from './line.ts'
export { Invoice, InvoiceHeaderInput, InvoiceStatus, invoiceState } from './invoice.ts'
export type { InvoiceState } from './invoice.ts'
export { Quote, QuoteInput, QuoteStatus } from './quote.ts'
export { Payment, PaymentInput, PaymentApplication, PaymentMethod, unappliedAmount } from './payment.ts'
export { Mapping, MappingStatus, QboId, SyncToken, SyncError } from './mapping.ts'
export { DecisionChoice, OutboxError, OutboxRow, OutboxOp, SentRequest, coalesceOp } from './outbox.ts'
export { SyncLogRow, SyncLogStatus, SyncDirection } from './sync-log.ts'
export { Settings, defaultSettings } from './settings.ts'
export { SyncSchedule } from './sync-schedule.ts'
export type { SettingsInput } from './settings.ts'
export { validationError, fromZodIssues } from './errors.ts'
export type { DomainError, ValidationError, NotFoundError, InvalidStateError, OverpaymentError } from './errors.ts'
export { priceLine, withTotals } from './totals.ts'
