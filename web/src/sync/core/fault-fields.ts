/**
 * Validation messages that say which field to change, in the user's words rather than QuickBooks' names.
 * @module
 */
import type { Rule } from './fault-rules.ts'

/**
 * QuickBooks' names of the fields a validation fault points at (its `element`) → what the user changes, in
 * plain words: the row then says where to look instead of "check its details". Accounts come from settings.
 */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  DisplayName: 'the name',
  Name: 'the name',
  GivenName: 'the first name',
  FamilyName: 'the last name',
  CompanyName: 'the company name',
  PrimaryEmailAddr: 'the email',
  PrimaryPhone: 'the phone number',
  BillAddr: 'the billing address',
  ShipAddr: 'the property address',
  Notes: 'the notes',
  Description: 'the description',
  Sku: 'the SKU',
  UnitPrice: 'the price',
  DocNumber: 'the invoice number',
  TxnDate: 'the date',
  DueDate: 'the due date',
  Line: 'the invoice lines',
  CustomerMemo: 'the message',
  TotalAmt: 'the amount',
  PaymentRefNum: 'the reference number',
  CustomerRef: 'the customer',
  IncomeAccountRef: 'the default income account in Settings → QuickBooks',
  ExpenseAccountRef: 'the default expense account in Settings → QuickBooks',
  DepositToAccountRef: 'the deposit account in Settings → QuickBooks',
}

/** "Line.Amount" → the words for "Line". */
function fieldWords(field: string | undefined): string | undefined {
  return field === undefined ? undefined : FIELD_WORDS[field.split('.')[0]!]
}

/** A validation message names the field when QuickBooks did: its first sentence, then where to look. */
export function pointAt(rule: Rule, field: string | undefined): string {
  const words = rule.kind === 'validation' ? fieldWords(field) : undefined
  if (words === undefined) return rule.message
  const first = /^.*?\.(?=\s|$)/.exec(rule.message)?.[0] ?? rule.message
  return `${first} Check ${words}, then try again.`
}
