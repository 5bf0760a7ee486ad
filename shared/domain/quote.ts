/** A quote: a priced proposal. Quotes stay on the device; they never sync. */
import { z } from 'zod'
import { CalendarDate, Cents, LocalId, TaxRateBps, optionalText, syncableShape } from './common.ts'
import { Line } from './line.ts'

export const QuoteStatus = z.enum(['draft', 'sent', 'accepted', 'declined'])
export type QuoteStatus = z.infer<typeof QuoteStatus>

const quoteHeader = {
  contactId: LocalId,
  propertyId: LocalId.optional(),
  jobId: LocalId.optional(),
  title: optionalText(200),
  status: QuoteStatus.default('draft'),
  validUntil: CalendarDate.optional(),
  taxRateBps: TaxRateBps.default(0),
}

export const QuoteInput = z.object(quoteHeader)
export type QuoteInput = z.input<typeof QuoteInput>

export const Quote = z.object({
  ...syncableShape,
  ...quoteHeader,
  lines: z.array(Line),
  subtotal: Cents,
  tax: Cents,
  total: Cents,
})
export type Quote = z.infer<typeof Quote>
