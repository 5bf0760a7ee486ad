import { z } from 'zod'
import { entityFields, QboRef } from './ref.ts'

/** Derived by QuickBooks from AccountType (read-only). */
export const QboAccountClassification = z.enum(['Asset', 'Equity', 'Expense', 'Liability', 'Revenue'])
export type QboAccountClassification = z.infer<typeof QboAccountClassification>

export const QboAccountType = z.enum([
  'Bank',
  'Other Current Asset',
  'Fixed Asset',
  'Other Asset',
  'Accounts Receivable',
  'Equity',
  'Expense',
  'Other Expense',
  'Cost of Goods Sold',
  'Accounts Payable',
  'Credit Card',
  'Long Term Liability',
  'Other Current Liability',
  'Income',
  'Other Income',
])
export type QboAccountType = z.infer<typeof QboAccountType>

/** Account (chart of accounts). `AccountSubType` stays open text: Intuit's list is long and grows. */
export const QboAccount = z.looseObject({
  ...entityFields,
  Name: z.string(),
  AcctNum: z.string().optional(),
  Description: z.string().optional(),
  FullyQualifiedName: z.string().optional(),
  Active: z.boolean().optional(),
  SubAccount: z.boolean().optional(),
  ParentRef: QboRef.optional(),
  Classification: QboAccountClassification.optional(),
  AccountType: QboAccountType.optional(),
  AccountSubType: z.string().optional(),
  CurrentBalance: z.number().optional(),
  CurrentBalanceWithSubAccounts: z.number().optional(),
  CurrencyRef: QboRef.optional(),
  TaxCodeRef: QboRef.optional(),
})
export type QboAccount = z.infer<typeof QboAccount>
