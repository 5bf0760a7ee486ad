/** How much of an invoice the company's payments cover, read through the invoice's LinkedTxn. */
import type { RealmState } from '../state.ts'
import type { Json } from '../types.ts'
import { cents, isObject, num, str } from '../json.ts'

/** Each payment line's links to invoices, as `[invoiceId, amount]`. */
export function paymentApplications(payment: Json | undefined): [string, number][] {
  const out: [string, number][] = []
  const lines = Array.isArray(payment?.Line) ? payment.Line : []
  for (const line of lines) {
    if (!isObject(line) || !Array.isArray(line.LinkedTxn)) continue
    for (const link of line.LinkedTxn) {
      if (isObject(link) && link.TxnType === 'Invoice' && str(link.TxnId))
        out.push([str(link.TxnId) ?? '', num(line.Amount) ?? 0])
    }
  }
  return out
}

/** Payment Ids linked from an invoice. */
export function linkedPaymentIds(invoice: Json | undefined): string[] {
  const links = Array.isArray(invoice?.LinkedTxn) ? invoice.LinkedTxn : []
  return links.filter((l): l is Json => isObject(l) && l.TxnType === 'Payment').map((l) => str(l.TxnId) ?? '')
}

/** Total applied to `invoiceId` by stored payments, optionally leaving one payment out. */
export function appliedToInvoice(state: RealmState, invoiceId: string, exceptPaymentId?: string): number {
  const invoice = state.tables.Invoice.get(invoiceId)?.data
  let total = 0
  for (const paymentId of linkedPaymentIds(invoice)) {
    if (paymentId === exceptPaymentId) continue
    for (const [id, amount] of paymentApplications(state.tables.Payment.get(paymentId)?.data))
      if (id === invoiceId) total = cents(total + amount)
  }
  return total
}
