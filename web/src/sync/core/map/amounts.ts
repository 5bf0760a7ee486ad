/**
 * Quantities ⇄ the decimal Qty QuickBooks' JSON carries. Cents ⇄ dollars is `shared/money.ts`, one rule for the
 * app and the edge.
 * @module
 */

/** Quantity in thousandths → QuickBooks' decimal Qty: 1500 → 1.5. */
export function toQty(thousandths: number): number {
  return thousandths / 1000
}
