/**
 * Intuit's rules for names and contact fields (docs/quickbooks.md §3.1, §3.2), applied before sending so a record
 * fails here with a clear message rather than there with a 2050 or 6000.
 * @module
 */

// Colon builds QuickBooks' Parent:Child hierarchy names; tab and newline are refused outright.
const FORBIDDEN_IN_NAMES = /[:\t\r\n]+/g

/**
 * A name QuickBooks accepts: colons, tabs and newlines become spaces, spaces collapse, and the result is cut
 * to `max` characters (never mid surrogate pair). `undefined` when nothing is left.
 */
export function cleanName(name: string | undefined, max: number): string | undefined {
  if (name === undefined) return undefined
  const s = name.replace(FORBIDDEN_IN_NAMES, ' ').replace(/\s+/g, ' ').trim()
  if (s === '') return undefined
  return cut(s, max)
}

/** At most `max` UTF-16 units, without splitting a surrogate pair, trimmed. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s
  let end = max
  const c = s.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end--
  return s.slice(0, end).trimEnd()
}

/** QuickBooks wants an `@` and a `.` in an email, at most 100 characters; otherwise none is sent. */
export function qboEmail(email: string | undefined): string | undefined {
  if (email === undefined) return undefined
  const e = email.trim()
  return e.includes('@') && e.includes('.') && e.length <= 100 ? e : undefined
}

export const LIMITS = {
  displayName: 500,
  namePart: 100,
  companyName: 100,
  phone: 30,
  notes: 2000,
  itemName: 100,
  itemDescription: 4000,
  sku: 100,
  docNumber: 21,
  privateNote: 4000,
  customerMemo: 1000,
  paymentRefNum: 21,
  addressLine: 500,
  city: 255,
  region: 255,
  postalCode: 30,
  country: 255,
} as const
