/**
 * Payment rules (Intuit payment reference; docs/quickbooks.md §3.4): CustomerRef and TotalAmt required,
 * lines apply amounts to the customer's invoices through LinkedTxn without overpaying any,
 * UnappliedAmt is what is left, and the money lands in Undeposited Funds unless told otherwise.
 */
import type { EntityRules, WriteContext } from './context.ts'
import type { Json } from '../types.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { cents, compact, isObject, num, refValue, str } from '../json.ts'
import { formatDate } from '../time.ts'
import { tombKey } from '../state.ts'
import { USD, checkString, namedRef, resolveRef } from './checks.ts'
import { appliedToInvoice } from './applied.ts'

const DEPOSIT_TYPES = new Set(['Bank', 'Other Current Asset'])

export function undepositedFundsId(ctx: WriteContext): string | undefined {
  for (const [id, row] of ctx.state.tables.Account)
    if (row.data.AccountSubType === 'UndepositedFunds' && row.data.Active !== false) return id
  return undefined
}

function applyLine(
  ctx: WriteContext,
  raw: unknown,
  customerId: string,
  paymentId: string | undefined,
  used: Map<string, number>,
): Result<Json> {
  if (!isObject(raw)) return err(faults.invalidNumber('Line', JSON.stringify(raw)))
  if (raw.Amount === undefined || raw.Amount === null) return err(faults.required('Line.Amount', 'Amount'))
  const amount = num(raw.Amount)
  if (amount === undefined || amount < 0) return err(faults.invalidNumber('Line.Amount', raw.Amount))
  const links = Array.isArray(raw.LinkedTxn) ? raw.LinkedTxn.filter(isObject) : []
  if (links.length === 0) return err(faults.required('Line.LinkedTxn', 'LinkedTxn'))
  const kept: Json[] = []
  for (const link of links) {
    const txnId = str(link.TxnId)
    if (!txnId) return err(faults.required('Line.LinkedTxn.TxnId', 'TxnId'))
    if (link.TxnType !== 'Invoice')
      return err(
        faults.business(
          `Linking a payment to ${String(link.TxnType)} is not supported here; link it to an Invoice.`,
          'Line.LinkedTxn.TxnType',
        ),
      )
    const invoice = ctx.state.tables.Invoice.get(txnId)?.data
    if (!invoice) {
      if (ctx.state.tombstones.has(tombKey('Invoice', txnId))) return err(faults.deletedTransaction('Line.LinkedTxn'))
      return err(
        faults.business(
          `The entity Invoice ${txnId} that you are trying to link does not exist. Invoice ${txnId}`,
          'Line.LinkedTxn',
        ),
      )
    }
    if (refValue(invoice.CustomerRef) !== customerId)
      return err(
        faults.business(`Invoice ${txnId} belongs to a different customer than this payment.`, 'Line.LinkedTxn'),
      )
    const open = cents(
      (num(invoice.TotalAmt) ?? 0) - appliedToInvoice(ctx.state, txnId, paymentId) - (used.get(txnId) ?? 0),
    )
    if (amount > open)
      return err(
        faults.business(
          `The payment amount ${amount} exceeds the open balance ${open} of Invoice ${txnId}.`,
          'Line.Amount',
        ),
      )
    used.set(txnId, cents((used.get(txnId) ?? 0) + amount))
    kept.push({ TxnId: txnId, TxnType: 'Invoice' })
  }
  return ok({ ...raw, Amount: cents(amount), LinkedTxn: kept })
}

export const paymentRules: EntityRules = {
  entity: 'Payment',
  prepare(ctx, input, prev) {
    const out: Json = { ...input }
    delete out.UnappliedAmt
    if (input.CustomerRef === undefined || input.CustomerRef === null) return err(faults.required('CustomerRef'))
    const customerChanged = !prev || refValue(input.CustomerRef) !== refValue(prev.CustomerRef)
    const customer = resolveRef(ctx, 'Customer', 'CustomerRef', input.CustomerRef, { active: customerChanged })
    if (!customer.ok) return customer
    const customerId = str(customer.value.Id) ?? ''
    out.CustomerRef = namedRef(customerId, customer.value.DisplayName)
    if (input.TotalAmt === undefined || input.TotalAmt === null)
      return err(faults.business('You must set a transaction amount.', 'TotalAmt'))
    const total = num(input.TotalAmt)
    if (total === undefined) return err(faults.invalidNumber('TotalAmt', input.TotalAmt))
    if (total < 0) return err(faults.business('The transaction amount must be zero or more.', 'TotalAmt'))
    const totalAmt = cents(total)
    out.TotalAmt = totalAmt

    const used = new Map<string, number>()
    const lines: Json[] = []
    for (const raw of Array.isArray(input.Line) ? input.Line : []) {
      const line = applyLine(ctx, raw, customerId, str(prev?.Id), used)
      if (!line.ok) return line
      lines.push(line.value)
    }
    const applied = cents(lines.reduce((sum, l) => sum + (num(l.Amount) ?? 0), 0))
    if (applied > totalAmt)
      return err(
        faults.business(`The amount applied (${applied}) is more than the payment amount (${totalAmt}).`, 'Line'),
      )
    out.Line = lines
    out.UnappliedAmt = cents(totalAmt - applied)

    if (input.DepositToAccountRef !== undefined && input.DepositToAccountRef !== null) {
      const account = resolveRef(ctx, 'Account', 'DepositToAccountRef', input.DepositToAccountRef, { active: true })
      if (!account.ok) return account
      if (!DEPOSIT_TYPES.has(str(account.value.AccountType) ?? ''))
        return err(
          faults.business('DepositToAccountRef must be a Bank or Other Current Asset account.', 'DepositToAccountRef'),
        )
      out.DepositToAccountRef = namedRef(str(account.value.Id) ?? '', account.value.Name)
    } else {
      const undeposited = undepositedFundsId(ctx)
      if (undeposited) out.DepositToAccountRef = { value: undeposited }
    }
    if (
      input.TxnDate !== undefined &&
      (typeof input.TxnDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.TxnDate))
    )
      return err(faults.invalidNumber('TxnDate', input.TxnDate))
    out.TxnDate = input.TxnDate ?? formatDate(ctx.now)
    const memo = checkString('PrivateNote', input.PrivateNote, 4000)
    if (!memo.ok) return memo
    out.CurrencyRef = prev?.CurrencyRef ?? input.CurrencyRef ?? USD
    out.ProcessPayment = false
    return ok(compact(out))
  },
}

/** Void of a payment: it stays, its amounts become 0 and its invoices reopen. */
export function voidPayment(payment: Json): Json {
  const lines = (Array.isArray(payment.Line) ? payment.Line : []).filter(isObject).map((l) => ({ ...l, Amount: 0 }))
  const note = str(payment.PrivateNote)
  return { ...payment, Line: lines, TotalAmt: 0, UnappliedAmt: 0, PrivateNote: note ? `Voided - ${note}` : 'Voided' }
}
