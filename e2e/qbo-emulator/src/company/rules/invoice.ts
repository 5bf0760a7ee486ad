/**
 * Invoice rules (Intuit invoice reference; docs/quickbooks.md §3.3, §11): CustomerRef and a sales line
 * required, totals computed by the server, DocNumber assigned or checked per CustomTxnNumbers,
 * addresses and email copied from the customer, Balance reduced by linked payments.
 */
import type { EntityRules, WriteContext } from './context.ts'
import { numberingOf } from '../numbering.ts'
import type { Json } from '../types.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { cents, compact, isObject, str } from '../json.ts'
import { addDays, formatDate } from '../time.ts'
import { USD, checkEmail, checkObjectStrings, checkString, namedRef, resolveRef } from './checks.ts'
import { ADDRESS } from './customer.ts'
import { computeTax, priceLines, sentTaxAmount } from './invoice-lines.ts'
import { appliedToInvoice } from './applied.ts'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const READ_ONLY = ['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'InvoiceLink']

export const invoiceRules: EntityRules = {
  entity: 'Invoice',
  prepare(ctx, input, prev) {
    const out: Json = { ...input }
    for (const field of READ_ONLY) delete out[field]
    if (input.CustomerRef === undefined || input.CustomerRef === null) return err(faults.required('CustomerRef'))
    const customerChanged =
      !prev ||
      str((input.CustomerRef as Json | undefined)?.value) !== str((prev.CustomerRef as Json | undefined)?.value)
    const customer = resolveRef(ctx, 'Customer', 'CustomerRef', input.CustomerRef, { active: customerChanged })
    if (!customer.ok) return customer
    out.CustomerRef = namedRef(str(customer.value.Id) ?? '', customer.value.DisplayName)

    const priced = priceLines(ctx, input.Line, prev?.Line, !prev)
    if (!priced.ok) return priced
    out.Line = priced.value.lines

    const taxable = customer.value.Taxable !== false
    const afterDiscount = input.ApplyTaxAfterDiscount === true
    const { subtotal, discount } = priced.value
    let base = taxable ? priced.value.taxableBase : 0
    if (afterDiscount && subtotal > 0) base = cents(base - (discount * base) / subtotal)
    const detail = taxRequest(ctx, input.TxnTaxDetail)
    const tax = computeTax(ctx, detail, base)
    if (!tax.ok) return tax
    out.TxnTaxDetail = tax.value
    if (sentTaxAmount(detail) !== undefined) ctx.facts.taxSetByApp = true
    const total = cents(subtotal - discount + (Number(tax.value.TotalTax) || 0))
    const applied = prev ? appliedToInvoice(ctx.state, str(prev.Id) ?? '') : 0
    if (applied > total)
      return err(faults.business(`The invoice total ${total} is less than the ${applied} already paid on it.`, 'Line'))
    out.TotalAmt = total
    out.Balance = cents(total - applied)

    const docNumber = checkString('DocNumber', input.DocNumber, 21)
    if (!docNumber.ok) return docNumber
    const numbering = numberingOf(ctx.state.preferences)
    if (docNumber.value !== undefined && docNumber.value !== '') {
      // Only a number new to this invoice is checked: an old duplicate stays editable.
      const holder = [...(ctx.state.docNumbers.get(docNumber.value) ?? [])].find((id) => id !== str(prev?.Id))
      const refuse = numbering.customTxnNumbers && numbering.warnDuplicateDocNumber && !ctx.allowDuplicateDocNumber
      if (refuse && holder !== undefined && docNumber.value !== str(prev?.DocNumber))
        return err(faults.duplicateDocNumber(docNumber.value, holder))
    } else if (!numbering.customTxnNumbers || (!prev && ctx.proposeDocNumber)) {
      out.DocNumber = str(prev?.DocNumber) ?? String(ctx.state.nextDocNumber)
    } else {
      delete out.DocNumber
    }

    for (const field of ['TxnDate', 'DueDate'] as const) {
      if (input[field] !== undefined && (typeof input[field] !== 'string' || !DATE.test(input[field])))
        return err(faults.invalidNumber(field, input[field]))
    }
    out.TxnDate = input.TxnDate ?? formatDate(ctx.now)
    out.DueDate = input.DueDate ?? addDays(String(out.TxnDate), 30)

    const memo = checkString('PrivateNote', input.PrivateNote, 4000)
    if (!memo.ok) return memo
    const billEmail = checkEmail('BillEmail', input.BillEmail)
    if (!billEmail.ok) return billEmail
    out.BillEmail =
      billEmail.value ??
      (isObject(customer.value.PrimaryEmailAddr) ? { ...customer.value.PrimaryEmailAddr } : undefined)
    if (input.EmailStatus === 'NeedToSend' && !str((out.BillEmail as Json | undefined)?.Address))
      return err(faults.business('Need to supply BillEmail when EmailStatus is NeedToSend.', 'BillEmail'))
    for (const field of ['BillAddr', 'ShipAddr']) {
      const r = checkObjectStrings(field, input[field], ADDRESS)
      if (!r.ok) return r
    }
    // An address sent is the invoice's own (the service address); one left out is copied from the customer.
    out.BillAddr = input.BillAddr ?? customer.value.BillAddr
    out.ShipAddr = input.ShipAddr ?? customer.value.ShipAddr ?? customer.value.BillAddr
    out.CurrencyRef = prev?.CurrencyRef ?? input.CurrencyRef ?? USD
    out.LinkedTxn = prev?.LinkedTxn ?? []
    out.EmailStatus = input.EmailStatus ?? 'NotSet'
    out.PrintStatus = input.PrintStatus ?? 'NotSet'
    out.ApplyTaxAfterDiscount = afterDiscount
    out.AllowOnlineCreditCardPayment = input.AllowOnlineCreditCardPayment ?? false
    out.AllowOnlineACHPayment = input.AllowOnlineACHPayment ?? false
    out.CustomField = input.CustomField ?? []
    return ok(compact(out))
  },
}

/**
 * The tax detail to price with. One the request sent is used as sent. One a sparse update merely kept
 * (merged from the stored invoice) is not a request for anything: its code is applied to the lines
 * again, and an amount the app set earlier stays that amount. Whether the stored amount was the app's
 * is a fact kept beside the record, never guessed from its JSON (a computed detail looks the same).
 */
function taxRequest(ctx: WriteContext, merged: unknown): unknown {
  if (ctx.sent.has('TxnTaxDetail') || !isObject(merged)) return merged
  const code = isObject(merged.TxnTaxCodeRef) ? { TxnTaxCodeRef: merged.TxnTaxCodeRef } : {}
  return ctx.prevFacts.taxSetByApp === true ? { ...code, TotalTax: merged.TotalTax } : code
}

/** Void: the invoice stays, every amount becomes 0, "Voided" leads the memo (§3.3). */
export function voidInvoice(invoice: Json): Json {
  const lines = (Array.isArray(invoice.Line) ? invoice.Line : []).filter(isObject).map((line) => {
    const copy: Json = { ...line, Amount: 0 }
    if (isObject(line.SalesItemLineDetail)) {
      const { Qty: _q, UnitPrice: _u, ...rest } = line.SalesItemLineDetail
      copy.SalesItemLineDetail = rest
    }
    return copy
  })
  const note = str(invoice.PrivateNote)
  return {
    ...invoice,
    Line: lines,
    TxnTaxDetail: { TotalTax: 0 },
    TotalAmt: 0,
    Balance: 0,
    LinkedTxn: [],
    PrivateNote: note ? `Voided - ${note}` : 'Voided',
  }
}
