/**
 * A QuickBooks invoice as an invoice here: its customer (or its parent, for a job), its sales lines with their
 * items matched by Id, and QuickBooks' own total, tax and balance. Lines the tablet cannot show (discounts,
 * bundles) are kept on the invoice and sent back with its lines (map/invoice-kept.ts); the total is QuickBooks',
 * so what the customer owes is right here.
 * @module
 */
import type { Invoice, Line } from '#shared/domain/index.ts'
import type { QboInvoice, QboSalesItemLine } from '#shared/qbo/index.ts'
import { toCents } from '#shared/money.ts'
import { readInvoice } from '../map/invoice.ts'
import { contactOf } from './customers.ts'
import type { FoldState } from './state.ts'

export type InvoiceFromQbo = Omit<Invoice, 'id' | 'version' | 'updatedAt' | 'deletedAt'>

const dateOf = (iso: string) => iso.slice(0, 10)

export function invoiceFromQbo(state: FoldState, q: QboInvoice): InvoiceFromQbo | undefined {
  const who = contactOf(state, q.CustomerRef.value)
  if (!who) return undefined
  const back = readInvoice(q)
  const lines = linesOf(state, q)
  const total = back.totalCents
  const tax = back.taxCents
  const taxableBase = lines.filter((l) => l.taxable).reduce((s, l) => s + l.amount, 0)
  const issueDate = q.TxnDate ?? dateOf(state.ctx.at)
  const dueDate = q.DueDate !== undefined && q.DueDate >= issueDate ? q.DueDate : issueDate
  const created = (q.MetaData as { CreateTime?: string } | undefined)?.CreateTime
  const memo = q.CustomerMemo?.value?.trim()
  return {
    ...(q.DocNumber !== undefined && q.DocNumber.trim() !== '' ? { number: q.DocNumber.trim().slice(0, 21) } : {}),
    contactId: who.contactId as Invoice['contactId'],
    ...(who.jobId ? { jobId: who.jobId as Invoice['contactId'] } : {}),
    status: back.voided ? 'void' : 'finalized',
    issueDate,
    dueDate,
    lines,
    // Undefined, not absent, so a refresh clears what QuickBooks no longer has.
    keptLines: back.keptLines.length > 0 ? back.keptLines : undefined,
    taxRateBps: taxableBase > 0 ? Math.min(10_000, Math.max(0, Math.round((tax * 10_000) / taxableBase))) : 0,
    // The lines before any discount, as the invoice page sums them.
    subtotal: lines.reduce((s, l) => s + l.amount, 0),
    tax,
    total,
    balance: back.voided ? 0 : Math.max(0, back.balanceCents),
    ...(memo ? { memo: memo.slice(0, 1000) } : {}),
    finalizedAt: created && !Number.isNaN(Date.parse(created)) ? new Date(created).toISOString() : state.ctx.at,
    ...(back.voided ? { voidedAt: state.ctx.at } : {}),
  }
}

/** The QuickBooks item Ids an invoice's lines name (bundles' lines too). */
export function itemIdsOf(q: QboInvoice): string[] {
  return salesLines(q)
    .map(({ line }) => line.SalesItemLineDetail.ItemRef?.value)
    .filter((v): v is string => v !== undefined)
}

function salesLines(q: QboInvoice): { id: string; line: QboSalesItemLine }[] {
  const out: { id: string; line: QboSalesItemLine }[] = []
  for (const [i, l] of q.Line.entries()) {
    const id = l.Id ?? String(i + 1)
    if (l.DetailType === 'SalesItemLineDetail') out.push({ id, line: l })
    if (l.DetailType === 'GroupLineDetail')
      for (const [j, g] of (l.GroupLineDetail.Line ?? []).entries()) out.push({ id: `${id}.${j + 1}`, line: g })
  }
  return out
}

function linesOf(state: FoldState, q: QboInvoice): Line[] {
  const out: Line[] = []
  const sales = new Map(salesLines(q).map((s) => [s.line, s.id]))
  for (const [i, l] of q.Line.entries()) {
    if (l.DetailType === 'DescriptionOnly') {
      const text = l.Description?.trim()
      if (text)
        out.push({
          id: l.Id ?? String(i + 1),
          name: text.slice(0, 100),
          qty: 1000,
          unitPrice: 0,
          amount: 0,
          taxable: false,
        })
      continue
    }
    const group = l.DetailType === 'GroupLineDetail' ? (l.GroupLineDetail.Line ?? []) : []
    for (const s of l.DetailType === 'SalesItemLineDetail' ? [l] : group)
      out.push(salesLine(state, s, sales.get(s) ?? String(i + 1)))
  }
  return out
}

function salesLine(state: FoldState, l: QboSalesItemLine, id: string): Line {
  const d = l.SalesItemLineDetail
  const itemQbo = d.ItemRef?.value
  const itemId = itemQbo === undefined ? undefined : state.localIdOf('item', itemQbo)
  const item = itemId === undefined ? undefined : state.record('item', itemId)
  const description = l.Description?.trim()
  const name = (item?.name ?? d.ItemRef?.name ?? description ?? 'Item').trim().slice(0, 100) || 'Item'
  const qty = Math.round((d.Qty ?? 1) * 1000) || 1000
  const amount = toCents(l.Amount)
  const unitPrice = d.UnitPrice !== undefined ? toCents(d.UnitPrice) : Math.round((amount * 1000) / qty)
  return {
    id,
    ...(itemId !== undefined ? { itemId: itemId as Line['itemId'] & string } : {}),
    name,
    ...(description && description !== name ? { description: description.slice(0, 4000) } : {}),
    qty,
    unitPrice,
    amount,
    taxable: d.TaxCodeRef?.value === 'TAX',
  }
}
