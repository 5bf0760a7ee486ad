/**
 * Invoice → QuickBooks Invoice, and what is read back: paid/balance/void state and the total check.
 *
 * Lines: a pricebook line is a SalesItemLineDetail with its item's ref, Qty, UnitPrice and Amount in dollars
 * (Amount = the line's own rounded cents, so Amount = Qty × UnitPrice to the cent). A free-text line with an
 * amount goes on a generic service item the company chose, because QuickBooks puts money only on item lines:
 * a DescriptionOnly line carries no amount and would silently drop it from the total. A free-text line of
 * zero is sent as DescriptionOnly (a note on the invoice). Lines the tablet does not show (a pulled invoice's
 * discount, bundle or blank lines) are sent back around these (invoice-kept.ts): an update's Line replaces all.
 *
 * Tax: lines carry TAX/NON; when any line is taxable the app's own tax amount is sent as TxnTaxDetail.TotalTax,
 * which automated sales tax keeps (and prorates) instead of recomputing (docs/quickbooks.md §11). Totals that still
 * differ are reported by `compareTotals`, never silently accepted.
 * @module
 */
import type { Address, Invoice } from '#shared/domain/index.ts'
import type { KeptLine } from '#shared/domain/line.ts'
import type { QboInvoice, QboInvoiceLine } from '#shared/qbo/index.ts'
import type { RecordRef } from '../plan-types.ts'
import { toCents, toDollars } from '#shared/money.ts'
import { toQty } from './amounts.ts'
import { toQboAddress } from './address.ts'
import { compact } from './compact.ts'
import { discountCents } from '#shared/domain/totals.ts'
import { keptLinesOf, withKeptLines, type TabletLine } from './invoice-kept.ts'
import { mapError, mapped, type Mapped, type MapWarning } from './map-result.ts'
import type { RefResolver } from './refs.ts'
import { cut, LIMITS } from './text-rules.ts'

export type InvoiceFields = Pick<
  Invoice,
  | 'number'
  | 'contactId'
  | 'jobId'
  | 'issueDate'
  | 'dueDate'
  | 'lines'
  | 'keptLines'
  | 'discount'
  | 'shipAddress'
  | 'freeTextItemId'
  | 'taxRateBps'
  | 'subtotal'
  | 'tax'
  | 'total'
  | 'memo'
>

export interface InvoiceContext {
  ref: RefResolver
  /** The customer billed: the contact, or the job's sub-customer when jobs sync as sub-customers. */
  customer: RecordRef
  /**
   * The property's address, sent as the ship-to address (it also drives automated sales tax); the address the
   * invoice keeps itself comes first.
   */
  shipAddress?: Address | undefined
  /**
   * QuickBooks Id of the generic service item that free-text lines with an amount are booked on, when the invoice
   * does not keep its own (`freeTextItemId`, the company's choice when it was finalized).
   */
  freeTextItemQboId?: string | undefined
}

export type InvoiceBody = Partial<QboInvoice>

/** The field a missing free-text item is reported under: a company setting, fixed in Settings. */
export const FREE_TEXT_FIELD = 'FreeTextItemRef'

function lineDescription(name: string, description: string | undefined): string {
  const d = description?.trim()
  return cut(d === undefined || d === '' ? name : `${name} - ${d}`, LIMITS.itemDescription)
}

/**
 * @example invoiceToQbo(inv, { ref, customer: { kind: 'contact', localId: inv.contactId } })
 */
export function invoiceToQbo(inv: InvoiceFields, ctx: InvoiceContext): Mapped<InvoiceBody> {
  const warnings: MapWarning[] = []
  const lines: TabletLine[] = []
  for (const l of inv.lines) {
    const taxCode = { value: l.taxable ? 'TAX' : 'NON' }
    if (l.itemId !== undefined || l.amount !== 0) {
      const itemRef =
        l.itemId !== undefined
          ? ctx.ref({ kind: 'item', localId: l.itemId })
          : (inv.freeTextItemId ?? ctx.freeTextItemQboId)
      if (itemRef === undefined) {
        // The fix is company-wide, in Settings: the field names the setting, not the line.
        return mapError(
          FREE_TEXT_FIELD,
          `"${l.name}" is a free-text line. Choose the QuickBooks item free-text lines post to, ` +
            'in Settings → QuickBooks, or pick a pricebook item for this line.',
        )
      }
      lines.push({
        id: l.id,
        line: {
          Description:
            l.itemId !== undefined
              ? cut(l.description ?? l.name, LIMITS.itemDescription)
              : lineDescription(l.name, l.description),
          Amount: toDollars(l.amount),
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: {
            ItemRef: { value: itemRef },
            Qty: toQty(l.qty),
            UnitPrice: toDollars(l.unitPrice),
            TaxCodeRef: taxCode,
          },
        },
      })
    } else {
      const line: QboInvoiceLine = {
        Description: lineDescription(l.name, l.description),
        DetailType: 'DescriptionOnly',
      }
      lines.push({ id: l.id, line })
    }
  }
  if (!lines.some((l) => l.line.DetailType === 'SalesItemLineDetail')) {
    return mapError('Line', 'QuickBooks needs at least one line with an amount on an invoice.')
  }
  const number = inv.number?.trim()
  if (number !== undefined && number.length > LIMITS.docNumber) {
    return mapError('DocNumber', `QuickBooks invoice numbers have at most ${LIMITS.docNumber} characters.`)
  }
  let memo = inv.memo
  if (memo !== undefined && memo.length > LIMITS.customerMemo) {
    memo = cut(memo, LIMITS.customerMemo)
    warnings.push({
      field: 'CustomerMemo',
      message: `The message was shortened to ${LIMITS.customerMemo} characters for QuickBooks.`,
    })
  }
  const anyTaxable = inv.lines.some((l) => l.taxable)
  const discount = discountLine(inv)
  return mapped(
    compact({
      CustomerRef: { value: ctx.ref(ctx.customer) },
      DocNumber: number === undefined || number === '' ? undefined : number,
      TxnDate: inv.issueDate,
      DueDate: inv.dueDate,
      Line: withKeptLines(lines, inv.keptLines, discount),
      TxnTaxDetail: anyTaxable ? { TotalTax: toDollars(inv.tax) } : undefined,
      ShipAddr: toQboAddress(inv.shipAddress ?? ctx.shipAddress),
      CustomerMemo: memo === undefined ? undefined : { value: memo },
    }),
    warnings,
  )
}

/**
 * The invoice's own discount as QuickBooks' discount line: a percent as `PercentBased`/`DiscountPercent` (QuickBooks
 * computes the amount, the same rounding as here), a fixed amount as `Amount`. Its account is the company's
 * default discount account, which QuickBooks picks when none is sent.
 */
function discountLine(inv: Pick<InvoiceFields, 'discount' | 'lines'>): QboInvoiceLine | undefined {
  const d = inv.discount
  if (d === undefined) return undefined
  const subtotal = inv.lines.reduce((s, l) => s + l.amount, 0)
  const off = discountCents({ discount: d }, subtotal)
  return d.kind === 'percent'
    ? {
        Amount: toDollars(off),
        DetailType: 'DiscountLineDetail',
        DiscountLineDetail: { PercentBased: true, DiscountPercent: d.bps / 100 },
      }
    : { Amount: toDollars(off), DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } }
}

/** What the app keeps of a QuickBooks invoice after a write or a pull. */
export interface InvoiceReadBack {
  qboId: string
  syncToken: string | undefined
  docNumber: string | undefined
  totalCents: number
  balanceCents: number
  taxCents: number
  /** QuickBooks keeps a voided invoice with every amount zero and "Voided" at the start of its private note. */
  voided: boolean
  paid: boolean
  /** The lines the tablet does not show, to keep on the local invoice (see invoice-kept.ts). */
  keptLines: KeptLine[]
}

export function readInvoice(q: QboInvoice): InvoiceReadBack {
  const total = toCents(q.TotalAmt ?? 0)
  const voided = total === 0 && (q.PrivateNote ?? '').startsWith('Voided')
  const balance = toCents(q.Balance ?? q.TotalAmt ?? 0)
  return {
    qboId: q.Id,
    syncToken: q.SyncToken,
    docNumber: q.DocNumber,
    totalCents: total,
    balanceCents: balance,
    taxCents: toCents(q.TxnTaxDetail?.TotalTax ?? 0),
    voided,
    paid: !voided && total > 0 && balance === 0,
    keptLines: keptLinesOf(q),
  }
}

export interface TotalMismatch {
  ours: { subtotal: number; tax: number; total: number }
  theirs: { subtotal: number; tax: number; total: number }
  /** Lines (1-based, in our order) whose amounts differ, with both amounts in cents. */
  lines: { line: number; ours: number; theirs: number | undefined }[]
}

/**
 * The "invoice total mismatch" warning of docs/product.md §Errors: QuickBooks' TotalAmt differs from ours.
 * Lines are compared in order (a bundle's parts in its place), skipping QuickBooks' appended subtotal line and
 * text-only lines. A kept discount comes off the sum of our lines, as QuickBooks takes it off.
 */
export function compareTotals(
  inv: Pick<Invoice, 'lines' | 'keptLines' | 'discount' | 'subtotal' | 'tax' | 'total'>,
  q: QboInvoice,
): TotalMismatch | undefined {
  const theirTotal = toCents(q.TotalAmt ?? 0)
  const ourLines = inv.lines.filter((l) => l.amount !== 0 || l.itemId !== undefined).map((l) => l.amount)
  const ours = oursAfterDiscount(inv, ourLines)
  if (theirTotal === ours.total) return undefined
  const theirLines = q.Line.flatMap((l) =>
    l.DetailType === 'SalesItemLineDetail'
      ? [l]
      : l.DetailType === 'GroupLineDetail'
        ? (l.GroupLineDetail.Line ?? [])
        : [],
  ).map((l) => toCents(l.Amount))
  const theirDiscount = q.Line.reduce((s, l) => s + (l.DetailType === 'DiscountLineDetail' ? toCents(l.Amount) : 0), 0)
  const lines: TotalMismatch['lines'] = []
  for (let i = 0; i < Math.max(ourLines.length, theirLines.length); i++) {
    if (ourLines[i] !== theirLines[i]) lines.push({ line: i + 1, ours: ourLines[i] ?? 0, theirs: theirLines[i] })
  }
  const theirTax = toCents(q.TxnTaxDetail?.TotalTax ?? 0)
  return {
    ours,
    theirs: { subtotal: theirLines.reduce((a, b) => a + b, 0) - theirDiscount, tax: theirTax, total: theirTotal },
    lines,
  }
}

/** Our totals as QuickBooks should compute them: the lines' sum less the discount (ours, or the one kept), plus tax. */
function oursAfterDiscount(
  inv: Pick<Invoice, 'keptLines' | 'discount' | 'subtotal' | 'tax' | 'total'>,
  ourLines: readonly number[],
): TotalMismatch['ours'] {
  const sum = ourLines.reduce((a, b) => a + b, 0)
  const discount = discountCents(inv, sum)
  if (discount === 0) return { subtotal: inv.subtotal, tax: inv.tax, total: inv.total }
  return { subtotal: sum - discount, tax: inv.tax, total: sum - discount + inv.tax }
}
