import { z } from 'zod'
import { entityFields, QboDate, QboLinkedTxn, QboRef } from './ref.ts'

/** How much of the payment goes to which transaction(s); a payment without lines is an unapplied credit. */
export const QboPaymentLine = z.looseObject({
  Amount: z.number(),
  LinkedTxn: z.array(QboLinkedTxn),
})
export type QboPaymentLine = z.infer<typeof QboPaymentLine>

/** Payment (ReceivePayment). `CustomerRef` and `TotalAmt` are required; `UnappliedAmt` is computed. */
export const QboPayment = z.looseObject({
  ...entityFields,
  CustomerRef: QboRef,
  TotalAmt: z.number(),
  Line: z.array(QboPaymentLine).optional(),
  UnappliedAmt: z.number().optional(),
  TxnDate: QboDate.optional(),
  DepositToAccountRef: QboRef.optional(),
  PaymentMethodRef: QboRef.optional(),
  PaymentRefNum: z.string().optional(),
  PrivateNote: z.string().optional(),
  CurrencyRef: QboRef.optional(),
  ExchangeRate: z.number().optional(),
  ARAccountRef: QboRef.optional(),
  ProjectRef: QboRef.optional(),
  ProcessPayment: z.boolean().optional(),
  LinkedTxn: z.array(QboLinkedTxn).optional(),
})
export type QboPayment = z.infer<typeof QboPayment>
