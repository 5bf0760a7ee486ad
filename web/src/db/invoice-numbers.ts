/**
 * The next local invoice number once QuickBooks' own numbers are known: past the highest numeric DocNumber,
 * never backwards. QuickBooks refuses a second invoice with a DocNumber it already has (6140) only when the
 * company turns that check on; otherwise it keeps both and the books hold two "1001"s, so the app moves on.
 * DocNumbers that are not plain numbers ("A-12", "2024/7") are left alone: the app's numbers never look like them.
 * @module
 */

/** Settings hold the number as an integer; a DocNumber too long to be one safely is not a number we could follow. */
const NUMERIC = /^\d{1,15}$/

export function invoiceNumberPast(current: number, docNumbers: Iterable<unknown>): number {
  let next = current
  for (const d of docNumbers) {
    if (typeof d !== 'string' || !NUMERIC.test(d.trim())) continue
    const n = Number(d.trim())
    if (n + 1 > next) next = n + 1
  }
  return next
}
