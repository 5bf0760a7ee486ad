/** Pricing of invoice and quote lines, in integer cents (see shared/money.ts). */
import { documentTotals, lineAmount, taxOn, toCents } from '../money.ts'
import type { InvoiceDiscount } from './invoice.ts'
import type { KeptLine, Line, LineInput } from './line.ts'

/** A validated line input priced: amount = round-half-away-from-zero(qty × unit price). */
export function priceLine(input: Omit<Line, 'id' | 'amount'>, id: string): Line {
  return { ...input, id, amount: lineAmount(input.qty, input.unitPrice) }
}

/** What a document's discount is made of: its own, or (an invoice pulled from QuickBooks) the discount kept. */
export interface Discountable {
  discount?: InvoiceDiscount | undefined
  keptLines?: readonly KeptLine[] | undefined
}

const isDiscount = (k: KeptLine) => k.line['DetailType'] === 'DiscountLineDetail'

/**
 * What the discount takes off a subtotal, in cents, never more than the subtotal. The document's own discount
 * replaces any kept from QuickBooks, so the two never both count. A percent is computed as QuickBooks does it
 * (rounded to the cent); a kept fixed discount counts as it stands.
 * @example discountCents({ discount: { kind: 'percent', bps: 1000 } }, 12345) // 1235
 */
export function discountCents(doc: Discountable, subtotal: number): number {
  if (subtotal <= 0) return 0
  let off = 0
  if (doc.discount !== undefined) {
    off = doc.discount.kind === 'percent' ? taxOn(subtotal, doc.discount.bps) : doc.discount.cents
  } else {
    for (const k of doc.keptLines ?? []) {
      if (!isDiscount(k)) continue
      const d = (k.line['DiscountLineDetail'] ?? {}) as { PercentBased?: boolean; DiscountPercent?: number }
      const amount = k.line['Amount']
      off +=
        d.PercentBased === true && typeof d.DiscountPercent === 'number'
          ? taxOn(subtotal, Math.round(d.DiscountPercent * 100))
          : typeof amount === 'number'
            ? toCents(amount)
            : 0
    }
  }
  return Math.min(Math.max(0, off), subtotal)
}

/** Whether the document carries a discount of either kind. */
export function hasDiscount(doc: Discountable): boolean {
  return doc.discount !== undefined || (doc.keptLines ?? []).some(isDiscount)
}

/**
 * The document with its subtotal (the lines' sum), tax and total recomputed from its lines. A discount (its own or
 * one kept from QuickBooks) comes off the total; tax stays on the taxable lines before it, as QuickBooks does by
 * default (`ApplyTaxAfterDiscount` false).
 */
export function withTotals<D extends { lines: Line[]; taxRateBps: number } & Discountable>(
  doc: D,
): D & { subtotal: number; tax: number; total: number } {
  const t = documentTotals(doc.lines, doc.taxRateBps)
  return { ...doc, ...t, total: t.total - discountCents(doc, t.subtotal) }
}

export type { Line, LineInput }
