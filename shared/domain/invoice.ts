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
import { KeptLine, Line } from './line.ts'

export const InvoiceStatus = z.enum(['draft', 'finalized', 'void'])
export type InvoiceStatus = z.infer<typeof InvoiceStatus>

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
  taxRateBps: TaxRateBps,
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
