/**
 * Where new invoice numbers come from, behind one small interface. Today: this device's counter, kept past the
 * company's highest DocNumber (`moveInvoiceNumberPast`) and past every renumbering. A team shares numbers later by
 * swapping in a source that leases blocks from the company's server (its RealmGate), so no two devices and no
 * QuickBooks invoice ever share one; callers do not change.
 * @module
 */
import type { FieldsyncDB } from './schema.ts'
import { moveInvoiceNumberPast, takeInvoiceNumber } from './settings.ts'

export interface InvoiceNumberSource {
  /** The next number, taken inside the caller's transaction (which includes `settings`): never handed out twice. */
  take(db: FieldsyncDB): Promise<string>
  /** Numbers in use elsewhere (QuickBooks' DocNumbers, numbers given out): never handed out after this. */
  movePast(db: FieldsyncDB, docNumbers: readonly unknown[]): Promise<unknown>
}

/** The device's own counter in the settings row. */
export const deviceNumbers: InvoiceNumberSource = {
  take: takeInvoiceNumber,
  movePast: moveInvoiceNumberPast,
}

/** The source the app uses. */
export const invoiceNumbers: InvoiceNumberSource = deviceNumbers
