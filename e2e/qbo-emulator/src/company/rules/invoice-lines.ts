/**
 * Invoice line arithmetic as QuickBooks does it (docs/quickbooks.md §3.3, §11): each sales line's
 * Amount must equal Qty × UnitPrice rounded to cents, discounts come off the subtotal, tax is
 * rounded to cents per tax rate, and a SubTotalLine is appended to what is stored. A bundle
 * (`GroupLineDetail`) is kept as sent, its parts priced like sales lines and its Amount their sum, so an
 * invoice read back with a bundle can be written back with it.
 */
import type { WriteContext } from './context.ts'
import type { Json } from '../types.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { cents, isObject, num, refValue, str } from '../json.ts'
import { namedRef, resolveRef } from './checks.ts'

export interface PricedLines {
  lines: Json[]
  subtotal: number
  taxableBase: number
  discount: number
}

const amountMismatch = (amount: number, expected: number) =>
  faults.business(
    `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}, expected:${expected}`,
    'Line.Amount',
  )

function salesLine(ctx: WriteContext, line: Json, isNew: boolean): Result<Json> {
  const detail = isObject(line.SalesItemLineDetail) ? { ...line.SalesItemLineDetail } : {}
  const amount = num(line.Amount)
  if (line.Amount === undefined || line.Amount === null) return err(faults.required('Line.Amount', 'Amount'))
  if (amount === undefined) return err(faults.invalidNumber('Line.Amount', line.Amount))
  if (detail.ItemRef !== undefined && detail.ItemRef !== null) {
    const item = resolveRef(ctx, 'Item', 'ItemRef', detail.ItemRef, { active: isNew })
    if (!item.ok) return item
    detail.ItemRef = namedRef(str(item.value.Id) ?? '', item.value.Name)
    if (item.value.IncomeAccountRef) detail.ItemAccountRef = item.value.IncomeAccountRef
  }
  const qty = detail.Qty === undefined || detail.Qty === null ? undefined : num(detail.Qty)
  const price = detail.UnitPrice === undefined || detail.UnitPrice === null ? undefined : num(detail.UnitPrice)
  if (detail.Qty !== undefined && detail.Qty !== null && qty === undefined)
    return err(faults.invalidNumber('Line.SalesItemLineDetail.Qty', detail.Qty))
  if (detail.UnitPrice !== undefined && detail.UnitPrice !== null && price === undefined)
    return err(faults.invalidNumber('Line.SalesItemLineDetail.UnitPrice', detail.UnitPrice))
  if (qty !== undefined && price !== undefined) {
    const expected = cents(qty * price)
    if (Math.abs(expected - amount) >= 0.005) return err(amountMismatch(amount, expected))
  } else if (qty !== undefined && qty !== 0) {
    detail.UnitPrice = amount / qty
  }
  const taxCode = refValue(detail.TaxCodeRef) ?? 'NON'
  if (taxCode !== 'TAX' && taxCode !== 'NON') return err(faults.invalidReference('TaxCodeRef', taxCode, 'TaxCode'))
  detail.TaxCodeRef = { value: taxCode }
  return ok({ ...line, Amount: cents(amount), DetailType: 'SalesItemLineDetail', SalesItemLineDetail: detail })
}

/**
 * A bundle as QuickBooks returns it: `GroupItemRef` names a Group item, `Line` its parts (sales lines),
 * `Amount` their sum. Group items cannot be made over the API; a bundle names one the company has.
 */
function groupLine(ctx: WriteContext, line: Json, isNew: boolean, idOf: (l: Json) => string): Result<Json> {
  const detail = isObject(line.GroupLineDetail) ? { ...line.GroupLineDetail } : {}
  const id = idOf(line) // the bundle's Id, then its parts'
  if (detail.GroupItemRef !== undefined && detail.GroupItemRef !== null) {
    const item = resolveRef(ctx, 'Item', 'GroupItemRef', detail.GroupItemRef, { active: isNew })
    if (!item.ok) return item
    detail.GroupItemRef = namedRef(str(item.value.Id) ?? '', item.value.Name)
  }
  const quantity = detail.Quantity === undefined || detail.Quantity === null ? 1 : num(detail.Quantity)
  if (quantity === undefined) return err(faults.invalidNumber('Line.GroupLineDetail.Quantity', detail.Quantity))
  detail.Quantity = quantity
  const parts: Json[] = []
  for (const raw of Array.isArray(detail.Line) ? detail.Line : []) {
    if (!isObject(raw) || raw.DetailType !== 'SalesItemLineDetail')
      return err(
        faults.invalidEnum('Line.GroupLineDetail.Line.DetailType', String(isObject(raw) ? raw.DetailType : raw)),
      )
    const part = salesLine(ctx, raw, isNew)
    if (!part.ok) return part
    parts.push({ ...part.value, Id: idOf(part.value) })
  }
  if (parts.length === 0) return err(faults.required('Line.GroupLineDetail.Line', 'Line'))
  detail.Line = parts
  const amount = parts.reduce((sum, p) => cents(sum + (num(p.Amount) ?? 0)), 0)
  return ok({ ...line, Id: id, Amount: amount, DetailType: 'GroupLineDetail', GroupLineDetail: detail })
}

/** Line Ids seen before, a bundle's parts included. */
function lineIds(lines: unknown): string[] {
  return (Array.isArray(lines) ? lines : []).flatMap((l) => {
    if (!isObject(l)) return []
    const inner = isObject(l.GroupLineDetail) ? lineIds(l.GroupLineDetail.Line) : []
    const id = str(l.Id)
    return id === undefined ? inner : [id, ...inner]
  })
}

/** Prices the sent lines; `prevLines` keeps existing line Ids stable on update. */
export function priceLines(ctx: WriteContext, sent: unknown, prevLines: unknown, isNew: boolean): Result<PricedLines> {
  if (!Array.isArray(sent) || sent.length === 0) return err(faults.required('Line'))
  const known = new Set(lineIds(prevLines))
  let nextLineId = Math.max(0, ...[...known].map(Number).filter(Number.isFinite)) + 1
  const idOf = (l: Json) => {
    const id = str(l.Id)
    return id !== undefined && known.has(id) ? id : String(nextLineId++)
  }
  const lines: Json[] = []
  let subtotal = 0
  let taxableBase = 0
  let discount = 0
  let hasSalesLine = false
  for (const raw of sent) {
    if (!isObject(raw)) return err(faults.invalidNumber('Line', JSON.stringify(raw)))
    const type = raw.DetailType
    if (type === 'SubTotalLineDetail') continue // computed by the server, whatever the client sends
    let line: Json
    if (type === 'SalesItemLineDetail') {
      const r = salesLine(ctx, raw, isNew)
      if (!r.ok) return r
      line = r.value
      hasSalesLine = true
      subtotal = cents(subtotal + (num(line.Amount) ?? 0))
      if (refValue((line.SalesItemLineDetail as Json).TaxCodeRef) === 'TAX')
        taxableBase = cents(taxableBase + (num(line.Amount) ?? 0))
    } else if (type === 'GroupLineDetail') {
      const r = groupLine(ctx, raw, isNew, idOf)
      if (!r.ok) return r
      line = r.value
      hasSalesLine = true
      for (const part of (line.GroupLineDetail as Json).Line as Json[]) {
        subtotal = cents(subtotal + (num(part.Amount) ?? 0))
        if (refValue((part.SalesItemLineDetail as Json).TaxCodeRef) === 'TAX')
          taxableBase = cents(taxableBase + (num(part.Amount) ?? 0))
      }
    } else if (type === 'DescriptionOnly') {
      line = { ...raw, Amount: cents(num(raw.Amount) ?? 0) }
      hasSalesLine = true
    } else if (type === 'DiscountLineDetail') {
      line = { ...raw }
    } else if (type === undefined) {
      return err(faults.required('Line.DetailType', 'DetailType'))
    } else {
      return err(faults.invalidEnum('Line.DetailType', String(type)))
    }
    if (type !== 'GroupLineDetail') line.Id = idOf(line)
    lines.push(line)
  }
  if (!hasSalesLine) return err(faults.required('Line', 'Line (a sales item, group or description line)'))
  // Discounts apply to the subtotal of the lines; percent discounts are computed here.
  for (const line of lines) {
    if (line.DetailType !== 'DiscountLineDetail') continue
    const d = isObject(line.DiscountLineDetail) ? line.DiscountLineDetail : {}
    const pct = num(d.DiscountPercent)
    const amount =
      d.PercentBased === true && pct !== undefined ? cents((subtotal * pct) / 100) : cents(num(line.Amount) ?? 0)
    if (amount < 0 || amount > subtotal)
      return err(faults.business('Discount cannot be negative or larger than the subtotal.', 'Line.Amount'))
    line.Amount = amount
    // With no account named, QuickBooks books the discount on the company's default discount account.
    line.DiscountLineDetail = { PercentBased: d.PercentBased === true, ...d, ...discountAccount(ctx, d) }
    discount = cents(discount + amount)
  }
  lines.forEach((line, i) => (line.LineNum = i + 1))
  // QuickBooks shows a discount below the subtotal it is taken from: the subtotal line goes before the discounts
  // that follow every sales line (recorded invoices 39 and 49), and last otherwise.
  const firstTrailingDiscount = lines.findIndex(
    (l, i) =>
      l.DetailType === 'DiscountLineDetail' && lines.slice(i).every((m) => m.DetailType === 'DiscountLineDetail'),
  )
  const subtotalLine = { Amount: subtotal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }
  if (firstTrailingDiscount < 0) lines.push(subtotalLine)
  else lines.splice(firstTrailingDiscount, 0, subtotalLine)
  return ok({ lines, subtotal, taxableBase, discount })
}

/**
 * The account a discount sent without one is booked on: the company's default discount account, or (a company whose
 * preference names no account it has) its discounts-given income account; none when it has neither.
 */
function discountAccount(ctx: WriteContext, d: Json): Json {
  if (d.DiscountAccountRef !== undefined && d.DiscountAccountRef !== null) return {}
  const prefs = ctx.state.preferences
  const sales = isObject(prefs.SalesFormsPrefs) ? prefs.SalesFormsPrefs : {}
  const id = str(sales.DefaultDiscountAccount)
  const named = id === undefined ? undefined : ctx.state.tables.Account.get(id)?.data
  const account =
    named ??
    [...ctx.state.tables.Account.values()].map((r) => r.data).find((a) => a.AccountSubType === 'DiscountsRefundsGiven')
  return account === undefined ? {} : { DiscountAccountRef: namedRef(str(account.Id) ?? '', account.Name) }
}

/** The tax amount a client sent: a `TotalTax` without `TaxLine`s (a read-back detail carries its lines). */
export function sentTaxAmount(txnTaxDetail: unknown): number | undefined {
  return isObject(txnTaxDetail) && txnTaxDetail.TaxLine === undefined ? num(txnTaxDetail.TotalTax) : undefined
}

/**
 * Tax for a transaction-level tax code: one TaxLine per rate, each rounded to cents, summed.
 * No tax code (or a non-taxable customer) → `{TotalTax: 0}` as in Intuit's samples.
 *
 * An explicit `TotalTax` sent without `TaxLine`s is the app's own tax amount, and it is kept: Intuit's
 * automated sales tax "honors the amount and prorates it across tax rates" (AST blog, 2017-12-11;
 * docs/quickbooks.md §11). With a code it is split over the code's rates in proportion to what each would
 * compute (the last rate takes the remainder cent); without one it stands alone. A stored detail read
 * back and sent again carries its TaxLines, so a resent invoice is recomputed, not frozen.
 */
export function computeTax(ctx: WriteContext, txnTaxDetail: unknown, base: number): Result<Json> {
  const codeId = isObject(txnTaxDetail) ? refValue(txnTaxDetail.TxnTaxCodeRef) : undefined
  const explicit = sentTaxAmount(txnTaxDetail)
  if (explicit !== undefined && explicit < 0)
    return err(faults.invalidNumber('TxnTaxDetail.TotalTax', (txnTaxDetail as Json).TotalTax))
  if (codeId === undefined) return ok({ TotalTax: explicit === undefined ? 0 : cents(explicit) })
  const code = resolveRef(ctx, 'TaxCode', 'TxnTaxDetail.TxnTaxCodeRef', { value: codeId }, { active: true })
  if (!code.ok) return code
  const rateList = isObject(code.value.SalesTaxRateList) ? code.value.SalesTaxRateList : {}
  const details = Array.isArray(rateList.TaxRateDetail) ? rateList.TaxRateDetail : []
  const taxLines: Json[] = []
  let total = 0
  for (const d of details) {
    if (!isObject(d)) continue
    const rate = resolveRef(ctx, 'TaxRate', 'TaxRateRef', d.TaxRateRef)
    if (!rate.ok) return rate
    const percent = num(rate.value.RateValue) ?? 0
    const amount = cents((base * percent) / 100)
    total = cents(total + amount)
    taxLines.push({
      Amount: amount,
      DetailType: 'TaxLineDetail',
      TaxLineDetail: {
        TaxRateRef: { value: str(rate.value.Id) },
        PercentBased: true,
        TaxPercent: percent,
        NetAmountTaxable: base,
      },
    })
  }
  if (explicit !== undefined)
    return ok({ TxnTaxCodeRef: { value: codeId }, ...prorate(cents(explicit), total, taxLines) })
  return ok({ TxnTaxCodeRef: { value: codeId }, TotalTax: total, TaxLine: taxLines })
}

/** Splits a sent tax amount over the computed TaxLines by their share (evenly when all are 0). */
function prorate(amount: number, computed: number, taxLines: Json[]): { TotalTax: number; TaxLine: Json[] } {
  let left = amount
  const lines = taxLines.map((line, i) => {
    const share =
      i === taxLines.length - 1
        ? left
        : cents(computed > 0 ? (amount * (num(line.Amount) ?? 0)) / computed : amount / taxLines.length)
    left = cents(left - share)
    return { ...line, Amount: share }
  })
  return { TotalTax: amount, TaxLine: lines }
}
