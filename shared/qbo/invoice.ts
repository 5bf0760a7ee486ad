import { z } from 'zod'
import { QboInvoiceLine, QboTxnTaxDetail } from './invoice-line.ts'
import {
  entityFields,
  QboCustomField,
  QboDate,
  QboEmailAddress,
  QboLinkedTxn,
  QboMemoRef,
  QboPhysicalAddress,
  QboRef,
} from './ref.ts'

export const QboEmailStatus = z.enum(['NotSet', 'NeedToSend', 'EmailSent'])
export const QboPrintStatus = z.enum(['NotSet', 'NeedToPrint', 'PrintComplete'])
export const QboGlobalTaxCalculation = z.enum(['TaxExcluded', 'TaxInclusive', 'NotApplicable'])

/**
 * Invoice. `CustomerRef` and `Line` are required; `TotalAmt`, `Balance`, `HomeTotalAmt`
 * and `HomeBalance` are computed by QuickBooks. Amounts stay JSON numbers as sent.
 */
export const QboInvoice = z.looseObject({
  ...entityFields,
  CustomerRef: QboRef,
  Line: z.array(QboInvoiceLine),
  DocNumber: z.string().optional(),
  TxnDate: QboDate.optional(),
  DueDate: QboDate.optional(),
  ShipDate: QboDate.optional(),
  TotalAmt: z.number().optional(),
  Balance: z.number().optional(),
  HomeTotalAmt: z.number().optional(),
  HomeBalance: z.number().optional(),
  Deposit: z.number().optional(),
  TxnTaxDetail: QboTxnTaxDetail.optional(),
  GlobalTaxCalculation: QboGlobalTaxCalculation.optional(),
  ApplyTaxAfterDiscount: z.boolean().optional(),
  CurrencyRef: QboRef.optional(),
  ExchangeRate: z.number().optional(),
  BillEmail: QboEmailAddress.optional(),
  BillEmailCc: QboEmailAddress.optional(),
  BillEmailBcc: QboEmailAddress.optional(),
  BillAddr: QboPhysicalAddress.optional(),
  ShipAddr: QboPhysicalAddress.optional(),
  ShipFromAddr: QboPhysicalAddress.optional(),
  EmailStatus: QboEmailStatus.optional(),
  PrintStatus: QboPrintStatus.optional(),
  PrivateNote: z.string().optional(),
  CustomerMemo: QboMemoRef.optional(),
  SalesTermRef: QboRef.optional(),
  ClassRef: QboRef.optional(),
  DepartmentRef: QboRef.optional(),
  ProjectRef: QboRef.optional(),
  LinkedTxn: z.array(QboLinkedTxn).optional(),
  CustomField: z.array(QboCustomField).optional(),
  AllowOnlineCreditCardPayment: z.boolean().optional(),
  AllowOnlineACHPayment: z.boolean().optional(),
  InvoiceLink: z.string().optional(),
})
export type QboInvoice = z.infer<typeof QboInvoice>
