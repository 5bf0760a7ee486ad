/** Pricing of invoice and quote lines, in integer cents (see shared/money.ts). */
import { documentTotals, lineAmount } from '../money.ts'
import type { Line, LineInput } from './line.ts'

/** A validated line input priced: amount = round-half-away-from-zero(qty × unit price). */
export function priceLine(input: Omit<Line, 'id' | 'amount'>, id: string): Line {
  return { ...input, id, amount: lineAmount(input.qty, input.unitPrice) }
}

/** The document with its subtotal, tax and total recomputed from its lines. */
export function withTotals<D extends { lines: Line[]; taxRateBps: number }>(
  doc: D,
): D & { subtotal: number; tax: number; total: number } {
  return { ...doc, ...documentTotals(doc.lines, doc.taxRateBps) }
}

export type { Line, LineInput }
