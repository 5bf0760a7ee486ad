/**
 * What an invoice create carries besides the invoice: the app's key on its PrivateNote, and a DocNumber only when
 * this device numbers the company's invoices.
 *
 * The key finds a create whose answer was lost once Intuit may have forgotten its requestid (docs/quickbooks.md
 * §2.4, §15.7): without a number of ours — QuickBooks numbers the invoice itself when the company's
 * `CustomTxnNumbers` is off (§3.3) — nothing else in QuickBooks says the invoice is this device's. PrivateNote is
 * not queryable, so a lookup queries the invoice's customer and date and then checks for the key, as for payments.
 * @module
 */
import { cut, LIMITS } from './text-rules.ts'

type Body = Record<string, unknown>

export function invoiceKey(localId: string): string {
  return `Fieldsync invoice ${localId}`
}

/** Whether a QuickBooks PrivateNote carries this invoice's key (a void prepends "Voided" and keeps it). */
export function hasInvoiceKey(note: unknown, localId: string): boolean {
  return typeof note === 'string' && note.split('\n').some((line) => line.trim() === invoiceKey(localId))
}

/**
 * The body of a new invoice as it goes out: the key on PrivateNote's last line (what was there cut so both fit
 * QuickBooks' 4000 characters), and no DocNumber when QuickBooks numbers the company's invoices — one sent anyway
 * is kept as sent, and can duplicate one QuickBooks gave (§15.9).
 */
export function invoiceCreateBody(body: Body, localId: string, quickBooksNumbers: boolean): Body {
  const key = invoiceKey(localId)
  const note =
    typeof body['PrivateNote'] === 'string' ? cut(body['PrivateNote'], LIMITS.privateNote - key.length - 1) : ''
  const { DocNumber: _sent, ...rest } = body
  return { ...(quickBooksNumbers ? rest : body), PrivateNote: note === '' ? key : `${note}\n${key}` }
}

/** The local ids a QuickBooks PrivateNote's key lines name: what a pull links a found-again invoice by. */
export function keyedInvoiceIds(note: unknown): string[] {
  if (typeof note !== 'string') return []
  return note.split('\n').flatMap((line) => /^Fieldsync invoice (\S+)$/.exec(line.trim())?.[1] ?? [])
}
