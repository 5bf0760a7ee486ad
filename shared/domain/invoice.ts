/**
 * An invoice: draft → finalized → void. Only finalized invoices sync; a draft is
 * the contractor's scratch pad. Paid is not a status: it is a finalized invoice
 * whose balance reached zero (QuickBooks works the same way).
 */
import { z } from 'zod'
import {
  CalendarDate,
  Cents,
  LocalId,
  NonNegativeCents,
  TaxRateBps,
  Timestamp,
  optionalText,
  syncableShape,
} from './common.ts'
import { Address } from './address.ts'
import { KeptLine, Line } from './line.ts'

export const InvoiceStatus = z.enum(['draft', 'finalized', 'void'])
export type InvoiceStatus = z.infer<typeof InvoiceStatus>

/**
 * A discount on the whole invoice: a percent of the lines (basis points, 1000 = 10 %) or a fixed amount. It comes
 * off the lines' sum; tax stays on the taxable lines before the discount, as QuickBooks computes by default.
 */
export const InvoiceDiscount = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    bps: z.int().min(1, 'Enter a percent above 0').max(10_000, 'A discount cannot be more than 100 %'),
  }),
  z.object({ kind: z.literal('amount'), cents: z.int().min(1, 'Enter an amount above 0').max(1e13) }),
])
export type InvoiceDiscount = z.infer<typeof InvoiceDiscount>

export const Invoice = z.object({
  ...syncableShape,
  /** Assigned at finalize; QuickBooks' DocNumber allows 21 characters. */
  number: z.string().max(21).optional(),
  contactId: LocalId,
  jobId: LocalId.optional(),
  propertyId: LocalId.optional(),
  status: InvoiceStatus,
  issueDate: CalendarDate,
  dueDate: CalendarDate,
  lines: z.array(Line),
  /** QuickBooks lines the tablet cannot show (discounts, bundles), sent back with every push of the lines. */
  keptLines: z.array(KeptLine).optional(),
  /** Replaces a discount kept from QuickBooks: there is only ever one discount on an invoice. */
  discount: InvoiceDiscount.optional(),
  /**
   * The service address as it stood when the invoice was last edited (the job's property, else the invoice's or
   * the contact's): QuickBooks' ShipAddr. Kept on the invoice, since properties never sync on their own.
   */
  shipAddress: Address.optional(),
  /**
   * The QuickBooks item its free-text lines post to: the company's choice when the invoice was last edited or
   * finalized, kept so a later change of that choice never moves booked revenue on a resend.
   */
  freeTextItemId: z.string().min(1).optional(),
  taxRateBps: TaxRateBps,
  /** The lines' sum, before any discount. */
  subtotal: Cents,
  tax: Cents,
  total: Cents,
  /** What is still owed: total minus applied payments; read back from QuickBooks once synced. */
  balance: NonNegativeCents,
  memo: optionalText(1000),
  finalizedAt: Timestamp.optional(),
  voidedAt: Timestamp.optional(),
})
export type Invoice = z.infer<typeof Invoice>

/** The fields a user edits on a draft's header. */
export const InvoiceHeaderInput = z
  .object({
    jobId: LocalId.optional(),
    propertyId: LocalId.optional(),
    issueDate: CalendarDate,
    dueDate: CalendarDate,
    taxRateBps: TaxRateBps,
    memo: optionalText(1000),
    discount: InvoiceDiscount.optional(),
  })
  .refine((h) => h.dueDate >= h.issueDate, { message: 'Pick a due date on or after the issue date', path: ['dueDate'] })
export type InvoiceHeaderInput = z.input<typeof InvoiceHeaderInput>

/** What lists show: draft, open, partly paid, paid or void. */
export type InvoiceState = 'draft' | 'open' | 'partial' | 'paid' | 'void'
export function invoiceState(inv: Pick<Invoice, 'status' | 'total' | 'balance'>): InvoiceState {
  if (inv.status === 'draft' || inv.status === 'void') return inv.status
  if (inv.balance === 0) return 'paid'
  return inv.balance < inv.total ? 'partial' : 'open'
}
