/**
 * How an invoice's number reads on screen. When QuickBooks numbers the company's invoices, a finalized invoice has
 * none until it is sent: it says whose number it will take rather than looking like a draft.
 * @module
 */
import type { Invoice } from '#shared/domain/index.ts'

export const NUMBER_FROM_QUICKBOOKS = 'Number given by QuickBooks when sent'

/** The number, "Draft", or where the number will come from. */
export function invoiceNumberText(inv: Pick<Invoice, 'number' | 'status'>): string {
  if (inv.number !== undefined && inv.number !== '') return inv.number
  return inv.status === 'draft' ? 'Draft' : NUMBER_FROM_QUICKBOOKS
}
