/**
 * How a company numbers its invoices (docs/quickbooks.md §3.3, §3.6, §15.9): `SalesFormsPrefs.CustomTxnNumbers`
 * off → QuickBooks assigns the next number itself; on → the number is the sender's (none sent, none kept).
 * Whether a duplicate number is refused (6140) or taken is, in QuickBooks, a company setting Intuit's
 * Preferences entity does not document for sales forms; the emulator keeps it beside Intuit's documented
 * siblings (`WarnDuplicateCheckNumber`, `WarnDuplicateBillNumber`) as the `OtherPrefs` name-value
 * `WarnDuplicateInvoiceNumber`, absent meaning on (the API reference: a duplicate "throws an error").
 */
import type { Json } from './types.ts'
import { isObject, str } from './json.ts'

export const WARN_DUPLICATE_NAME = 'WarnDuplicateInvoiceNumber'

export interface Numbering {
  customTxnNumbers: boolean
  warnDuplicateDocNumber: boolean
}

const nameValues = (prefs: Json): Json[] => {
  const other = isObject(prefs.OtherPrefs) ? prefs.OtherPrefs : {}
  return Array.isArray(other.NameValue) ? other.NameValue.filter(isObject) : []
}

export function numberingOf(prefs: Json): Numbering {
  const sales = isObject(prefs.SalesFormsPrefs) ? prefs.SalesFormsPrefs : {}
  const warn = nameValues(prefs).find((nv) => nv.Name === WARN_DUPLICATE_NAME)
  return { customTxnNumbers: sales.CustomTxnNumbers === true, warnDuplicateDocNumber: str(warn?.Value) !== 'false' }
}

/** Preferences with the numbering changed; everything else as it was. */
export function withNumbering(prefs: Json, change: Partial<Numbering>): Json {
  const next = { ...numberingOf(prefs), ...change }
  const sales = isObject(prefs.SalesFormsPrefs) ? prefs.SalesFormsPrefs : {}
  const other = isObject(prefs.OtherPrefs) ? prefs.OtherPrefs : {}
  const values = nameValues(prefs).filter((nv) => nv.Name !== WARN_DUPLICATE_NAME)
  return {
    ...prefs,
    SalesFormsPrefs: { ...sales, CustomTxnNumbers: next.customTxnNumbers },
    OtherPrefs: {
      ...other,
      NameValue: [...values, { Name: WARN_DUPLICATE_NAME, Value: String(next.warnDuplicateDocNumber) }],
    },
  }
}
