/** One line of an invoice or quote: from the pricebook (`itemId`) or free text. */
import { z } from 'zod'
import { Cents, LocalId, QtyThousandths, optionalText, requiredText } from './common.ts'

export const LineInput = z.object({
  itemId: LocalId.optional(),
  name: requiredText(100, 'Enter what this line is for'),
  description: optionalText(4000),
  /** Thousandths: 1.5 hours = 1500. */
  qty: QtyThousandths,
  unitPrice: Cents,
  taxable: z.boolean().default(false),
})
export type LineInput = z.input<typeof LineInput>

export const Line = LineInput.extend({
  /** Stable within the document, so edits and the sync engine's line diff can follow a line. */
  id: z.string().min(1),
  /** round-half-away-from-zero(qty × unitPrice), kept so totals never need recomputing to display. */
  amount: Cents,
})
export type Line = z.infer<typeof Line>

/**
 * A QuickBooks invoice line the tablet does not show (a discount, a bundle, a blank line), kept as QuickBooks
 * sent it, so that a push of the tablet's lines sends it back instead of dropping it.
 */
export const KeptLine = z.object({
  /** The tablet line it followed in QuickBooks' order; absent when it came first. */
  after: z.string().optional(),
  /** For a bundle: the tablet lines that show its parts (they are sent back as the bundle while unchanged). */
  parts: z.array(z.string()).optional(),
  /** The QuickBooks line as read (its `Id` lets QuickBooks keep it as the same line). */
  line: z.record(z.string(), z.unknown()),
})
export type KeptLine = z.infer<typeof KeptLine>
