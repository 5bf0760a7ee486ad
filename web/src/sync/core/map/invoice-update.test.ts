/** Updates of an invoice that came down from QuickBooks with lines the tablet does not show. */
import { describe, expect, it } from 'vitest'
import { withTotals, type Invoice } from '#shared/domain/index.ts'
import type { QboInvoice } from '#shared/qbo/index.ts'
import type { SyncOp } from '../plan-types.ts'
import { fieldsOf } from '../settle/fields.ts'
import { compareTotals, readInvoice } from './invoice.ts'
import { resolverFrom } from './refs.ts'
import { writeFor, type RecordContext } from './request.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const c1 = testLocalId(1)
const labor = testLocalId(2)
const inv1 = testLocalId(3)
const ids: Record<string, string> = { [`contact:${c1}`]: '58', [`item:${labor}`]: '19' }
const ctx: RecordContext = {
  ref: resolverFrom((r) => ids[`${r.kind}:${r.localId}`]),
  settings: { defaultIncomeAccountId: '79', subCustomerJobs: false, depositAccountId: '35' },
}

/** QuickBooks invoice 130 as the bookkeeper made it: two hours of labor, 10 % off, a class and a custom field. */
const theirs: QboInvoice = {
  Id: '130',
  SyncToken: '0',
  CustomerRef: { value: '58' },
  TxnDate: '2026-03-01',
  DocNumber: '1042',
  ClassRef: { value: '200000000000000001', name: 'Residential' },
  CustomField: [{ DefinitionId: '1', Name: 'Crew', Type: 'StringType', StringValue: 'North' }],
  Line: [
    {
      Id: '1',
      LineNum: 1,
      DetailType: 'SalesItemLineDetail',
      Amount: 190,
      SalesItemLineDetail: { ItemRef: { value: '19' }, Qty: 2, UnitPrice: 95, TaxCodeRef: { value: 'NON' } },
    },
    {
      Id: '2',
      LineNum: 2,
      DetailType: 'DiscountLineDetail',
      Amount: 19,
      DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
    },
    { DetailType: 'SubTotalLineDetail', Amount: 190, SubTotalLineDetail: {} },
  ],
  TotalAmt: 171,
  Balance: 171,
} as QboInvoice

/** The invoice as the pull stores it: QuickBooks' total, the discount kept. */
const pulled: Invoice = {
  id: inv1,
  version: 1,
  updatedAt: '2026-03-01T00:00:00.000Z',
  number: '1042',
  contactId: c1,
  status: 'finalized',
  issueDate: '2026-03-01',
  dueDate: '2026-03-01',
  lines: [{ id: '1', itemId: labor, name: 'Labor', qty: 2000, unitPrice: 9500, amount: 19000, taxable: false }],
  keptLines: readInvoice(theirs).keptLines,
  taxRateBps: 0,
  subtotal: 17100,
  tax: 0,
  total: 17100,
  balance: 17100,
}
const op: SyncOp = {
  id: 'x',
  action: 'update',
  kind: 'invoice',
  localId: inv1,
  qboId: '130',
  syncToken: '0',
  outboxSeqs: [1],
  refs: [],
  dependsOn: [],
  label: 'Invoice 1042',
}
const bodyOf = (record: Invoice) => {
  const r = writeFor(op, record, ctx, fieldsOf(pulled))
  if (!r.ok) throw new Error(r.error.message)
  return r.value.value?.body
}
const threeHours = withTotals({
  ...pulled,
  lines: [{ id: '1', itemId: labor, name: 'Labor', qty: 3000, unitPrice: 9500, amount: 28500, taxable: false }],
})

describe('an update of a pulled invoice with a discount, a class and custom fields', () => {
  it('a header edit sends the header field alone: lines, class and custom fields stay as QuickBooks has them', () => {
    expect(bodyOf({ ...pulled, memo: 'Gate code 4411' })).toStrictEqual({
      Id: '130',
      SyncToken: '0',
      sparse: true,
      CustomerMemo: { value: 'Gate code 4411' },
    })
  })

  it('a line edit sends the tablet lines with the discount below them, under its own Id', () => {
    const body = bodyOf(threeHours)
    expect(Object.keys(body ?? {}).sort()).toEqual(['Id', 'Line', 'SyncToken', 'sparse'])
    expect(body?.['Line']).toStrictEqual([
      {
        LineNum: 1,
        Description: 'Labor',
        Amount: 285,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '19' }, Qty: 3, UnitPrice: 95, TaxCodeRef: { value: 'NON' } },
      },
      {
        Id: '2',
        LineNum: 2,
        DetailType: 'DiscountLineDetail',
        Amount: 19,
        DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
      },
    ])
  })
})

describe('compareTotals with a kept discount', () => {
  const back = (total: number): QboInvoice => ({
    ...theirs,
    Line: [{ ...theirs.Line[0]!, Amount: 285 } as QboInvoice['Line'][number], { ...theirs.Line[1]!, Amount: 28.5 }],
    TotalAmt: total,
  })
  it.each<[string, Invoice, QboInvoice, boolean]>([
    ['the pulled invoice, QuickBooks total as is', pulled, theirs, false],
    ['lines edited here: QuickBooks takes the 10 % off 285.00', threeHours, back(256.5), false],
    ['QuickBooks computed something else', threeHours, back(285), true],
  ])('%s', (_, inv, q, differs) => {
    expect(compareTotals(inv, q) !== undefined).toBe(differs)
  })

  it('reports the totals after the discount on both sides', () => {
    expect(compareTotals(threeHours, back(285))).toMatchObject({
      ours: { subtotal: 25650, tax: 0, total: 25650 },
      theirs: { subtotal: 25650, total: 28500 },
      lines: [],
    })
  })
})
