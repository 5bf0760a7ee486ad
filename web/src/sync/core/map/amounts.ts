/**
 * Cents ⇄ the decimal dollars QuickBooks' JSON carries. Cents stay integers everywhere else; a dollar number
 * exists only inside a body about to be sent, or for the moment of reading one.
 * @module
 */

/** 12345 → 123.45. Exact to the cent: every integer / 100 prints back with at most two decimals. */
export function toDollars(cents: number): number {
  return cents / 100
}

/** 123.45 → 12345, rounding float noise (1.005 × 100 = 100.49999…) to the nearest cent. */
export function toCents(dollars: number): number {
  return Math.round(Number((dollars * 100).toFixed(4)))
}

/** Quantity in thousandths → QuickBooks' decimal Qty: 1500 → 1.5. */
export function toQty(thousandths: number): number {
  return thousandths / 1000
}
