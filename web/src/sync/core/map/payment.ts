/**
 * Payment ⇄ QuickBooks Payment. Each application to an invoice is a line with a LinkedTxn to that invoice's
 * QuickBooks Id; what is not applied stays on the payment as QuickBooks' unapplied amount (a credit). The
 * deposit account comes from settings; without one QuickBooks puts the money in Undeposited Funds.
 * @module
 */
import type { Payment, Settings } from '#shared/domain/index.ts'
import type { QboPayment } from '#shared/qbo/index.ts'
import type { RecordRef } from '../plan-types.ts'
import { toCents, toDollars } from '#shared/money.ts'
import { compact } from './compact.ts'
import { mapError, mapped, type Mapped, type MapWarning } from './map-result.ts'
import type { RefResolver } from './refs.ts'
import { cut, LIMITS } from './text-rules.ts'

export type PaymentFields = Pick<Payment, 'contactId' | 'date' | 'amount' | 'reference' | 'applications' | 'memo'>
export type PaymentBody = Partial<QboPayment>

export function paymentToQbo(
  p: PaymentFields,
  ctx: { ref: RefResolver } & Pick<Settings, 'depositAccountId'>,
): Mapped<PaymentBody> {
  const applied = p.applications.reduce((s, a) => s + a.amount, 0)
  if (applied > p.amount) return mapError('Line', 'The amounts applied to invoices add up to more than the payment.')
  const reference = p.reference?.trim()
  if (reference !== undefined && reference.length > LIMITS.paymentRefNum) {
    return mapError('PaymentRefNum', `QuickBooks payment references have at most ${LIMITS.paymentRefNum} characters.`)
  }
  return mapped(
    compact({
      CustomerRef: { value: ctx.ref({ kind: 'contact', localId: p.contactId }) },
      TotalAmt: toDollars(p.amount),
      TxnDate: p.date,
      PaymentRefNum: reference === undefined || reference === '' ? undefined : reference,
      DepositToAccountRef: ctx.depositAccountId === undefined ? undefined : { value: ctx.depositAccountId },
      PrivateNote: p.memo === undefined ? undefined : cut(p.memo, LIMITS.privateNote),
      Line:
        p.applications.length === 0
          ? undefined
          : p.applications.map((a) => ({
              Amount: toDollars(a.amount),
              LinkedTxn: [{ TxnId: ctx.ref({ kind: 'invoice', localId: a.invoiceId }), TxnType: 'Invoice' }],
            })),
    }),
  )
}

/**
 * The app's key for a payment, written into the PrivateNote of its create: Intuit's requestid may be forgotten,
 * and has let duplicate payments through (docs/quickbooks.md §2.4, §15.7), while a payment has no unique name or number
 * to look it up by. PrivateNote is not queryable, so a lookup queries the payment's customer and date and then
 * checks for this key.
 */
export function paymentKey(localId: string): string {
  return `Fieldsync payment ${localId}`
}

/** `body` with the key on PrivateNote's last line, the memo cut so both fit QuickBooks' 4000 characters. */
export function withPaymentKey(body: PaymentBody, localId: string): PaymentBody {
  const key = paymentKey(localId)
  const memo = body.PrivateNote === undefined ? '' : cut(body.PrivateNote, LIMITS.privateNote - key.length - 1)
  return { ...body, PrivateNote: memo === '' ? key : `${memo}\n${key}` }
}

/** Whether a QuickBooks PrivateNote carries this payment's key (a void prepends "Voided" and keeps it). */
export function hasPaymentKey(note: unknown, localId: string): boolean {
  return typeof note === 'string' && note.split('\n').some((line) => line.trim() === paymentKey(localId))
}

/** The memo without the key's line: the key is the sync's, not the user's. */
function memoOf(note: string | undefined): string | undefined {
  const memo = note
    ?.split('\n')
    .filter((line) => !/^Fieldsync payment \S+$/.test(line.trim()))
    .join('\n')
    .trim()
  return memo === undefined || memo === '' ? undefined : memo
}

/** Finds the local record linked to a QuickBooks Id (through the mapping table). */
export type LocalIdOf = (kind: RecordRef['kind'], qboId: string) => string | undefined

/**
 * A payment read back from QuickBooks (recorded there, or after a write). Applications to invoices that are
 * not linked here, or to other kinds of transaction, stay unapplied here and are named in a warning.
 */
export function qboToPayment(q: QboPayment, localIdOf: LocalIdOf): Mapped<PaymentFields> {
  const contactId = localIdOf('contact', q.CustomerRef.value)
  if (contactId === undefined) {
    return mapError(
      'CustomerRef',
      `The customer of QuickBooks payment ${q.Id} (${q.CustomerRef.name ?? q.CustomerRef.value}) ` +
        'is not linked to a contact here.',
    )
  }
  if (q.TxnDate === undefined) return mapError('TxnDate', `QuickBooks payment ${q.Id} has no date.`)
  if (toCents(q.TotalAmt) <= 0) {
    // e.g. a credit memo applied against an invoice: no money received, and the invoice's balance already shows it.
    return mapError(
      'TotalAmt',
      `QuickBooks payment ${q.Id} receives no money; it only shows in its invoices' balances.`,
    )
  }
  const warnings: MapWarning[] = []
  const applications: { invoiceId: string; amount: number }[] = []
  for (const line of q.Line ?? []) {
    for (const link of line.LinkedTxn) {
      const invoiceId = link.TxnType === 'Invoice' ? localIdOf('invoice', link.TxnId) : undefined
      if (invoiceId === undefined) {
        warnings.push({
          field: 'Line',
          message:
            `${toDollars(toCents(line.Amount)).toFixed(2)} applied to QuickBooks ${link.TxnType} ${link.TxnId}, ` +
            'which is not linked here, is shown as unapplied.',
        })
        continue
      }
      // QuickBooks gives one amount per line; a line linking several invoices is split on the first.
      applications.push({ invoiceId, amount: line.LinkedTxn.indexOf(link) === 0 ? toCents(line.Amount) : 0 })
    }
  }
  const reference = q.PaymentRefNum?.trim()
  return mapped(
    compact({
      contactId: contactId as PaymentFields['contactId'],
      date: q.TxnDate,
      amount: toCents(q.TotalAmt),
      reference: reference === undefined || reference === '' ? undefined : cut(reference, LIMITS.paymentRefNum),
      applications: applications.filter((a) => a.amount > 0) as PaymentFields['applications'],
      memo: memoOf(q.PrivateNote),
    }),
    warnings,
  )
}
