/** A payment received from a contact, applied to one or more of their invoices (QuickBooks' LinkedTxn). */
import { z } from 'zod'
import { CalendarDate, LocalId, PositiveCents, Timestamp, optionalText, syncableShape } from './common.ts'

export const PaymentMethod = z.enum(['cash', 'check', 'card', 'bank_transfer', 'other'])
export type PaymentMethod = z.infer<typeof PaymentMethod>

export const PaymentApplication = z.object({
  invoiceId: LocalId,
  amount: PositiveCents,
})
export type PaymentApplication = z.infer<typeof PaymentApplication>

const paymentFields = {
  contactId: LocalId,
  date: CalendarDate,
  amount: PositiveCents,
  method: PaymentMethod.default('other'),
  /** QuickBooks' PaymentRefNum: a check number or card reference, 21 characters at most. */
  reference: optionalText(21, 'Keep the reference under 21 characters'),
  applications: z.array(PaymentApplication),
  memo: optionalText(4000),
}

export const PaymentInput = z
  .object(paymentFields)
  .refine((p) => p.applications.reduce((s, a) => s + a.amount, 0) <= p.amount, {
    message: 'The amounts applied to invoices add up to more than the payment',
    path: ['applications'],
  })
export type PaymentInput = z.input<typeof PaymentInput>

export const Payment = z.object({
  ...syncableShape,
  ...paymentFields,
  /** Voided in QuickBooks: kept for the record, it no longer pays anything (its applications are gone). */
  voidedAt: Timestamp.optional(),
})
export type Payment = z.infer<typeof Payment>

/** Money received but not applied to any invoice (a credit in QuickBooks). */
export function unappliedAmount(p: Pick<Payment, 'amount' | 'applications'>): number {
  return p.amount - p.applications.reduce((s, a) => s + a.amount, 0)
}
