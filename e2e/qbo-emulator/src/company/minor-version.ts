/**
 * `minorversion` (docs/quickbooks.md §2.3): accepted on every call. Since 2025-08-01 Intuit ignores
 * values below 75 and renders 75; omitting it also means 75. The fields gated below 75
 * (Item.Type NonInventory and Sku from 4, BillEmailCc/Bcc from 8, ProjectRef from 69) are
 * therefore always present.
 */
export const MIN_MINOR_VERSION = 75

export function effectiveMinorVersion(raw: string | undefined): number {
  const n = raw === undefined ? Number.NaN : Number(raw)
  return Number.isInteger(n) && n > MIN_MINOR_VERSION ? n : MIN_MINOR_VERSION
}
