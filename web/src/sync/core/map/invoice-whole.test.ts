/**
 * An invoice arrives whole: its discount as QuickBooks' discount line (checked against recorded invoices 49 and 39,
 * 5 % and 10 % off), its free-text lines on the company's free-text item, its service address as ShipAddr, and a
 * discount kept from QuickBooks never counted twice with the tablet's own.
 */
import { describe, expect, it } from 'vitest'
import { withTotals } from '#shared/domain/totals.ts'
import { QboQueryResponse, type QboInvoice } from '#shared/qbo/index.ts'
import { toCents } from '#shared/money.ts'
import { compareTotals, invoiceToQbo, type InvoiceFields } from './invoice.ts'
import { keptLinesOf } from './invoice-kept.ts'
import { resolverFrom } from './refs.ts'
import { invoiceQueryWithDiscountlineTaxlineLinkedtxn as queried } from '../../test-support/qbo-fixtures.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const recorded = (id: string): QboInvoice => {
  const found = QboQueryResponse.parse(queried).QueryResponse.Invoice?.find((i) => i.Id === id)
  if (!found) throw new Error(`no invoice ${id} in the fixture`)
  return found as QboInvoice
}
const contact = testLocalId(1)
const ref = resolverFrom((r) => (r.localId === contact ? '18' : r.localId.slice(-2)))
const customer = { kind: 'contact' as const, localId: contact }

/** A recorded invoice's sales lines as the tablet holds them (items named by local ids ending in their Ids). */
function linesOf(q: QboInvoice): InvoiceFields['lines'] {
  return q.Line.flatMap((l, i) =>
    l.DetailType === 'SalesItemLineDetail'
      ? [
          {
            id: `l${i + 1}`,
            itemId: testLocalId(Number(l.SalesItemLineDetail.ItemRef?.value)),
            name: l.Description ?? 'Item',
            qty: Math.round((l.SalesItemLineDetail.Qty ?? 1) * 1000),
            unitPrice: toCents(l.SalesItemLineDetail.UnitPrice ?? 0),
            amount: toCents(l.Amount),
            taxable: false,
          },
        ]
      : [],
  )
}

function local(q: QboInvoice, patch: Partial<InvoiceFields> = {}): InvoiceFields {
  return withTotals({
    number: q.DocNumber,
    contactId: contact,
    jobId: undefined,
    issueDate: q.TxnDate ?? '2026-04-01',
    dueDate: q.DueDate ?? '2026-05-01',
    lines: linesOf(q),
    taxRateBps: 0,
    memo: undefined,
    ...patch,
  })
}

const discountOf = (lines: readonly { DetailType: string }[] | undefined) =>
  (lines ?? []).filter((l) => l.DetailType === 'DiscountLineDetail')

describe('discounts', () => {
  it.each([
    ['49', 500, 954.75],
    ['39', 1000, 274.5],
  ])('a %s-style percent discount goes as QuickBooks records it, and the totals agree', (id, bps, total) => {
    const q = recorded(id)
    const inv = local(q, { discount: { kind: 'percent', bps } })
    expect(inv.total).toBe(toCents(total))
    const r = invoiceToQbo(inv, { ref, customer })
    if (!r.ok) throw new Error(r.error.message)
    const sent = discountOf(r.value.value.Line)
    const want = discountOf(q.Line)[0] as unknown as { Amount: number; DiscountLineDetail: Record<string, unknown> }
    expect(sent).toEqual([
      {
        Amount: want.Amount,
        DetailType: 'DiscountLineDetail',
        DiscountLineDetail: {
          PercentBased: true,
          DiscountPercent: want.DiscountLineDetail['DiscountPercent'],
        },
        // Last: below every item line it is taken from.
        LineNum: r.value.value.Line?.length,
      },
    ])
    // QuickBooks' own invoice, compared with ours: no mismatch.
    expect(compareTotals(inv, q)).toBeUndefined()
  })

  it('a fixed discount goes as an amount, after every item line', () => {
    const inv = local(recorded('39'), { discount: { kind: 'amount', cents: 2500 } })
    expect(inv).toMatchObject({ subtotal: 30_500, total: 28_000 })
    const r = invoiceToQbo(inv, { ref, customer })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value.Line?.map((l) => l.DetailType)).toEqual([
      'SalesItemLineDetail',
      'SalesItemLineDetail',
      'DiscountLineDetail',
    ])
    expect(discountOf(r.value.value.Line)[0]).toMatchObject({
      Amount: 25,
      DiscountLineDetail: { PercentBased: false },
    })
  })

  it('a kept QuickBooks discount counts in the tablet total after a line edit', () => {
    const q = recorded('49')
    const kept = keptLinesOf(q)
    const inv = local(q, { keptLines: kept })
    expect(inv.total).toBe(95_475)
    // One fewer bag of rocks: 5 % of 982.50 off.
    const edited = withTotals({
      ...inv,
      lines: inv.lines.map((l) => (l.id === 'l4' ? { ...l, qty: 7000, amount: 15_750 } : l)),
    })
    expect(edited.total).toBe(98_250 - 4913)
  })

  it('the tablet discount replaces a kept one: one discount line, one discount in the total', () => {
    const q = recorded('49')
    const inv = local(q, { keptLines: keptLinesOf(q), discount: { kind: 'amount', cents: 10_000 } })
    expect(inv.total).toBe(100_500 - 10_000)
    const r = invoiceToQbo(inv, { ref, customer })
    if (!r.ok) throw new Error(r.error.message)
    expect(discountOf(r.value.value.Line)).toHaveLength(1)
    expect(discountOf(r.value.value.Line)[0]).toMatchObject({
      Amount: 100,
      DiscountLineDetail: { PercentBased: false },
    })
  })

  it('never takes off more than the lines are worth', () => {
    const inv = local(recorded('39'), { discount: { kind: 'amount', cents: 99_999 } })
    expect(inv.total).toBe(0)
  })
})

describe('free-text lines', () => {
  const freeText = { id: 'f1', name: 'Haul away old heater', qty: 1000, unitPrice: 7500, amount: 7500, taxable: true }

  it('post to the company’s free-text item with their words and price', () => {
    const inv = local(recorded('39'), { lines: [freeText] })
    const r = invoiceToQbo(inv, { ref, customer, freeTextItemQboId: '19' })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value.Line).toEqual([
      {
        Description: 'Haul away old heater',
        Amount: 75,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '19' }, Qty: 1, UnitPrice: 75, TaxCodeRef: { value: 'TAX' } },
        LineNum: 1,
      },
    ])
  })

  it('post to the item the invoice kept before the company’s current one', () => {
    const inv = local(recorded('39'), { lines: [freeText], freeTextItemId: '21' })
    const r = invoiceToQbo(inv, { ref, customer, freeTextItemQboId: '19' })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value.Line?.[0]).toMatchObject({ SalesItemLineDetail: { ItemRef: { value: '21' } } })
  })

  it('without a chosen item, say where to choose it', () => {
    const r = invoiceToQbo(local(recorded('39'), { lines: [freeText] }), { ref, customer })
    expect(r).toMatchObject({ ok: false, error: { field: 'FreeTextItemRef' } })
    if (r.ok) return
    expect(r.error.message).toContain('Choose the QuickBooks item free-text lines post to')
    expect(r.error.message).toContain('Settings')
  })
})

describe('ShipAddr', () => {
  const property = { line1: '38921 S. Boise Ave', city: 'Middlefield', region: 'CA', postalCode: '94304' }

  it('is the address the invoice keeps, as recorded invoice 49 holds it', () => {
    const q = recorded('49')
    const r = invoiceToQbo(local(q, { shipAddress: property }), { ref, customer })
    if (!r.ok) throw new Error(r.error.message)
    const { Id: _i, Lat: _a, Long: _b, ...want } = q.ShipAddr ?? {}
    expect(r.value.value.ShipAddr).toEqual(want)
  })

  it('falls back on the address the caller found, and is absent without one', () => {
    const q = recorded('49')
    const withCaller = invoiceToQbo(local(q), { ref, customer, shipAddress: property })
    const without = invoiceToQbo(local(q), { ref, customer })
    expect(withCaller.ok && withCaller.value.value.ShipAddr).toMatchObject({ Line1: property.line1 })
    expect(without.ok && without.value.value.ShipAddr).toBeUndefined()
  })
})
