import { describe, expect, it } from 'vitest'
import { QboInvoiceResponse, QboInvoice, QboQueryResponse } from '#shared/qbo/index.ts'
import { compareTotals, invoiceToQbo, readInvoice, type InvoiceFields } from './invoice.ts'
import { refToken, resolverFrom } from './refs.ts'
import {
  invoiceReadTaxlineLinkedtxnEstimate as recorded130,
  invoiceCreateResponse as created155,
  voidInvoiceReadBeforeVoid as beforeVoid,
  voidInvoiceVoidResponse as afterVoid,
  invoiceQueryWithDiscountlineTaxlineLinkedtxn as queried,
} from '../../test-support/qbo-fixtures.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const named = {
  sonnenschein: testLocalId(1),
  rock: testLocalId(2),
  pump: testLocalId(3),
  concrete: testLocalId(4),
  amy: testLocalId(5),
  test: testLocalId(6),
  new: testLocalId(7),
}
const id = (name: keyof typeof named) => named[name]
const qboIds: Record<string, string> = {
  [`contact:${named.sonnenschein}`]: '24',
  [`item:${named.rock}`]: '5',
  [`item:${named.pump}`]: '11',
  [`item:${named.concrete}`]: '3',
  [`contact:${named.amy}`]: '1',
  [`item:${named.test}`]: '1',
}
const ref = resolverFrom((r) => qboIds[`${r.kind}:${r.localId}`])

/** The same invoice as QuickBooks invoice 130 (DocNumber 1037), as the app holds it. */
const local1037: InvoiceFields = {
  number: '1037',
  contactId: id('sonnenschein'),
  jobId: undefined,
  issueDate: '2026-04-08',
  dueDate: '2026-05-08',
  lines: [
    { id: 'l1', itemId: id('rock'), name: 'Rock Fountain', qty: 1000, unitPrice: 27500, amount: 27500, taxable: true },
    {
      id: 'l2',
      itemId: id('pump'),
      name: 'Pump',
      description: 'Fountain Pump',
      qty: 1000,
      unitPrice: 1275,
      amount: 1275,
      taxable: true,
    },
    {
      id: 'l3',
      itemId: id('concrete'),
      name: 'Concrete',
      description: 'Concrete for fountain installation',
      qty: 5000,
      unitPrice: 950,
      amount: 4750,
      taxable: true,
    },
  ],
  taxRateBps: 800,
  subtotal: 33525,
  tax: 2682,
  total: 36207,
  memo: 'Thank you for your business and have a great day!',
}
const shipTo = { line1: '5647 Cypress Hill Ave.', city: 'Middlefield', region: 'CA', postalCode: '94303' }

/** A QuickBooks invoice reduced to what a client writes: no Ids of lines, read-only amounts, names or links. */
function writable(q: QboInvoice): Record<string, unknown> {
  const { Line, TxnTaxDetail, ShipAddr, CustomerRef, DocNumber, TxnDate, DueDate, CustomerMemo } = q
  const { Id: _a, Lat: _b, Long: _c, ...ship } = ShipAddr ?? {}
  return {
    CustomerRef: { value: CustomerRef.value },
    DocNumber,
    TxnDate,
    DueDate,
    Line: Line.filter((l) => l.DetailType !== 'SubTotalLineDetail').map((l) => {
      if (l.DetailType !== 'SalesItemLineDetail') return l
      const d = l.SalesItemLineDetail
      return {
        LineNum: l.LineNum,
        Description: l.Description,
        Amount: l.Amount,
        DetailType: l.DetailType,
        SalesItemLineDetail: {
          ItemRef: { value: d.ItemRef?.value },
          Qty: d.Qty,
          UnitPrice: d.UnitPrice,
          TaxCodeRef: d.TaxCodeRef,
        },
      }
    }),
    TxnTaxDetail: { TotalTax: TxnTaxDetail?.TotalTax },
    ShipAddr: ship,
    CustomerMemo,
  }
}

describe('invoiceToQbo', () => {
  it('writes what QuickBooks holds for the recorded invoice 1037: lines, item refs, dollars, tax, ship-to, memo', () => {
    const q = QboInvoiceResponse.parse(recorded130).Invoice
    const r = invoiceToQbo(local1037, {
      ref,
      customer: { kind: 'contact', localId: named.sonnenschein },
      shipAddress: shipTo,
    })
    expect(r).toStrictEqual({ ok: true, value: { value: writable(q), warnings: [] } })
  })

  it('writes the body Nango created invoice 155 with (plus its number and dates)', () => {
    const q = QboInvoiceResponse.parse(created155).Invoice
    const local: InvoiceFields = {
      number: '1042',
      contactId: id('amy'),
      jobId: undefined,
      issueDate: '2024-01-15',
      dueDate: '2024-02-14',
      lines: [
        {
          id: 'l1',
          itemId: id('test'),
          name: 'Test Item Updated',
          description: undefined,
          qty: 1000,
          unitPrice: 10000,
          amount: 10000,
          taxable: false,
        },
      ],
      taxRateBps: 0,
      subtotal: 10000,
      tax: 0,
      total: 10000,
      memo: undefined,
    }
    const r = invoiceToQbo(local, { ref, customer: { kind: 'contact', localId: named.amy } })
    if (!r.ok) throw new Error(r.error.message)
    const { ShipAddr: _s, TxnTaxDetail: _t, CustomerMemo: _m, ...expected } = writable(q)
    expect(r.value.value).toStrictEqual({
      ...expected,
      Line: [{ ...(expected.Line as object[])[0], Description: 'Test Item Updated' }],
    })
  })

  it('leaves a placeholder for a customer or item created earlier in the same run', () => {
    const r = invoiceToQbo(
      { ...local1037, contactId: id('new') },
      { ref, customer: { kind: 'contact', localId: named.new } },
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value.CustomerRef).toStrictEqual({ value: refToken({ kind: 'contact', localId: named.new }) })
  })

  it.each<[string, InvoiceFields['lines'], string | undefined, unknown]>([
    [
      'a free-text line with an amount goes on the generic item',
      [
        {
          id: 'a',
          name: 'Haul away',
          description: 'old heater',
          qty: 1000,
          unitPrice: 5000,
          amount: 5000,
          taxable: false,
        },
      ],
      '77',
      [
        {
          LineNum: 1,
          Description: 'Haul away - old heater',
          Amount: 50,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: '77' }, Qty: 1, UnitPrice: 50, TaxCodeRef: { value: 'NON' } },
        },
      ],
    ],
    [
      'a free-text line of zero is a text-only line',
      [
        { id: 'a', itemId: id('rock'), name: 'Rock', qty: 1500, unitPrice: 1000, amount: 1500, taxable: false },
        { id: 'b', name: 'Warranty: 1 year', qty: 1000, unitPrice: 0, amount: 0, taxable: false },
      ],
      undefined,
      [
        {
          LineNum: 1,
          Description: 'Rock',
          Amount: 15,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: '5' }, Qty: 1.5, UnitPrice: 10, TaxCodeRef: { value: 'NON' } },
        },
        { LineNum: 2, Description: 'Warranty: 1 year', DetailType: 'DescriptionOnly' },
      ],
    ],
  ])('%s', (_n, lines, freeText, expected) => {
    const r = invoiceToQbo(
      { ...local1037, lines },
      { ref, customer: { kind: 'contact', localId: named.sonnenschein }, freeTextItemQboId: freeText },
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value.Line).toStrictEqual(expected)
    expect(r.value.value.TxnTaxDetail).toBeUndefined()
  })

  it.each<[string, Partial<InvoiceFields>, string]>([
    [
      'a free-text line with an amount and no generic item',
      { lines: [{ id: 'a', name: 'Haul', qty: 1000, unitPrice: 100, amount: 100, taxable: false }] },
      'FreeTextItemRef',
    ],
    [
      'an invoice with only text lines',
      { lines: [{ id: 'a', name: 'Note', qty: 1000, unitPrice: 0, amount: 0, taxable: false }] },
      'Line',
    ],
    ['a number longer than 21 characters', { number: 'N'.repeat(22) }, 'DocNumber'],
  ])('refuses %s', (_n, patch, field) => {
    expect(
      invoiceToQbo({ ...local1037, ...patch }, { ref, customer: { kind: 'contact', localId: named.sonnenschein } }),
    ).toMatchObject({ ok: false, error: { field } })
  })
})

describe('readInvoice', () => {
  const queryInvoices = (QboQueryResponse.parse(queried).QueryResponse as { Invoice: unknown[] }).Invoice.map((i) =>
    QboInvoice.parse(i),
  )
  const byDoc = (n: string) => queryInvoices.find((i) => i.DocNumber === n)!

  it.each<[string, QboInvoice, Partial<ReturnType<typeof readInvoice>>]>([
    [
      'an open taxed invoice',
      QboInvoiceResponse.parse(recorded130).Invoice,
      {
        qboId: '130',
        docNumber: '1037',
        totalCents: 36207,
        balanceCents: 36207,
        taxCents: 2682,
        voided: false,
        paid: false,
      },
    ],
    [
      'before a void',
      QboInvoiceResponse.parse(beforeVoid).Invoice,
      { qboId: '264', syncToken: '0', totalCents: 10000, voided: false },
    ],
    [
      'after a void: zeroed and noted "Voided"',
      QboInvoiceResponse.parse(afterVoid).Invoice,
      { qboId: '264', syncToken: '1', totalCents: 0, balanceCents: 0, voided: true, paid: false },
    ],
    ['paid in full', byDoc('1031'), { totalCents: 38700, balanceCents: 0, paid: true }],
    ['partly paid', byDoc('1021'), { totalCents: 45900, balanceCents: 23900, paid: false }],
  ])('%s', (_n, q, expected) => {
    expect(readInvoice(q)).toMatchObject(expected)
  })
})

describe('compareTotals', () => {
  const q = QboInvoiceResponse.parse(recorded130).Invoice
  it('is silent when QuickBooks agrees with our total', () => {
    expect(compareTotals(local1037, q)).toBeUndefined()
  })
  it('reports both totals and the lines that differ when it does not', () => {
    const ours = {
      ...local1037,
      lines: local1037.lines.map((l, i) => (i === 1 ? { ...l, amount: 1300 } : l)),
      subtotal: 33550,
      tax: 2684,
      total: 36234,
    }
    expect(compareTotals(ours, q)).toStrictEqual({
      ours: { subtotal: 33550, tax: 2684, total: 36234 },
      theirs: { subtotal: 33525, tax: 2682, total: 36207 },
      lines: [{ line: 2, ours: 1300, theirs: 1275 }],
    })
  })
})
