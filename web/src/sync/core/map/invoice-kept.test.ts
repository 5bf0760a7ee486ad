import { describe, expect, it } from 'vitest'
import type { KeptLine } from '#shared/domain/line.ts'
import type { QboInvoiceLine } from '#shared/qbo/index.ts'
import { keptDiscountCents, keptLinesOf, withKeptLines, type TabletLine } from './invoice-kept.ts'

const sales = (id: string | undefined, amount: number, qty = 1, item = '5'): QboInvoiceLine => ({
  ...(id !== undefined ? { Id: id } : {}),
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty: qty, UnitPrice: amount / qty },
})
const discount = (id: string, pct?: number, amount = 0): QboInvoiceLine => ({
  Id: id,
  DetailType: 'DiscountLineDetail',
  Amount: amount,
  DiscountLineDetail: pct === undefined ? { PercentBased: false } : { PercentBased: true, DiscountPercent: pct },
})
const blank = (id: string): QboInvoiceLine => ({ Id: id, DetailType: 'DescriptionOnly', Description: ' ' })
const text = (id: string, d: string): QboInvoiceLine => ({ Id: id, DetailType: 'DescriptionOnly', Description: d })
const subtotal: QboInvoiceLine = { DetailType: 'SubTotalLineDetail', Amount: 300, SubTotalLineDetail: {} }
const bundle = (id: string, parts: QboInvoiceLine[]): QboInvoiceLine => ({
  Id: id,
  DetailType: 'GroupLineDetail',
  GroupLineDetail: {
    GroupItemRef: { value: '40', name: 'Spring tune-up' },
    Quantity: 1,
    Line: parts as Extract<QboInvoiceLine, { DetailType: 'SalesItemLineDetail' }>[],
  },
})
const tab = (id: string, line: QboInvoiceLine): TabletLine => ({ id, line })
const kinds = (ls: QboInvoiceLine[]) => ls.map((l) => `${l.DetailType}:${l.Id ?? '-'}:${l.LineNum}`)

describe('keptLinesOf: what the tablet does not show, and where it was', () => {
  it.each<[string, QboInvoiceLine[], KeptLine[]]>([
    ['nothing to keep on an invoice of sales lines', [sales('1', 100), sales('2', 200), subtotal], []],
    [
      "a discount after the items, never QuickBooks' subtotal line",
      [sales('1', 100), { ...discount('2', 10), LineNum: 2 }, subtotal],
      [{ after: '1', line: discount('2', 10) }],
    ],
    ['a blank text line first', [blank('1'), sales('2', 100)], [{ line: blank('1') }]],
    ['a blank text line after a shown one', [text('1', 'Visit'), blank('2')], [{ after: '1', line: blank('2') }]],
    [
      'a bundle with the tablet lines that show its parts',
      [sales('1', 100), bundle('2', [sales('3', 40), sales('4', 60)]), blank('5')],
      [
        { after: '1', parts: ['2.1', '2.2'], line: bundle('2', [sales('3', 40), sales('4', 60)]) },
        { after: '2.2', line: blank('5') },
      ],
    ],
    [
      'lines without Ids placed by position, as the pull names them',
      [sales(undefined, 100), { DetailType: 'DiscountLineDetail', Amount: 5, DiscountLineDetail: {} }],
      [{ after: '1', line: { DetailType: 'DiscountLineDetail', Amount: 5, DiscountLineDetail: {} } }],
    ],
  ])('%s', (_, Line, kept) => {
    expect(keptLinesOf({ Line })).toEqual(kept)
  })
})

describe('withKeptLines: the Line array a push sends', () => {
  const disc = { after: '2', line: discount('3', 10) }
  it.each<[string, TabletLine[], KeptLine[] | undefined, string[]]>([
    [
      'no kept lines: the tablet lines, numbered',
      [tab('a', sales(undefined, 100)), tab('b', sales(undefined, 5))],
      undefined,
      ['SalesItemLineDetail:-:1', 'SalesItemLineDetail:-:2'],
    ],
    [
      'a discount stays below every item line, a line added here included',
      [tab('1', sales(undefined, 100)), tab('2', sales(undefined, 200)), tab('x', sales(undefined, 50))],
      [disc],
      ['SalesItemLineDetail:-:1', 'SalesItemLineDetail:-:2', 'SalesItemLineDetail:-:3', 'DiscountLineDetail:3:4'],
    ],
    [
      'a blank line goes back after the line it followed, or first',
      [tab('1', sales(undefined, 100)), tab('3', sales(undefined, 200))],
      [{ line: blank('0') }, { after: '1', line: blank('2') }],
      ['DescriptionOnly:0:1', 'SalesItemLineDetail:-:2', 'DescriptionOnly:2:3', 'SalesItemLineDetail:-:4'],
    ],
    [
      'a line whose neighbour was removed here goes last, still above the discount',
      [tab('1', sales(undefined, 100))],
      [disc, { after: '2', line: blank('4') }],
      ['SalesItemLineDetail:-:1', 'DescriptionOnly:4:2', 'DiscountLineDetail:3:3'],
    ],
  ])('%s', (_, tablet, kept, want) => {
    expect(kinds(withKeptLines(tablet, kept))).toEqual(want)
  })

  const parts = [sales('3', 40, 2, '7'), sales('4', 60, 1, '8')]
  const kept: KeptLine[] = [{ after: '1', parts: ['2.1', '2.2'], line: bundle('2', parts) }]
  const shown = (qty: number) => [
    tab('1', sales(undefined, 100)),
    tab('2.1', { ...sales(undefined, 20 * qty, qty, '7') }),
    tab('2.2', sales(undefined, 60, 1, '8')),
  ]

  it('a bundle the tablet left alone goes back whole, in the place of its parts', () => {
    expect(kinds(withKeptLines(shown(2), kept))).toEqual(['SalesItemLineDetail:-:1', 'GroupLineDetail:2:2'])
  })

  it('a bundle whose part was edited here gives way to its parts, so the edit reaches QuickBooks', () => {
    expect(kinds(withKeptLines(shown(3), kept))).toEqual([
      'SalesItemLineDetail:-:1',
      'SalesItemLineDetail:-:2',
      'SalesItemLineDetail:-:3',
    ])
  })
})

describe('keptDiscountCents', () => {
  it.each<[string, KeptLine[] | undefined, number, number]>([
    ['none', undefined, 10_000, 0],
    ['10 % of the subtotal', [{ line: discount('9', 10) }], 17_800, 1_780],
    ['a percent rounded to the cent', [{ line: discount('9', 7.5) }], 1_001, 75],
    ['a fixed amount as it stands', [{ line: discount('9', undefined, 12.5) }], 17_800, 1_250],
    ['other kept lines take nothing off', [{ line: blank('9') }], 17_800, 0],
  ])('%s', (_, kept, sub, off) => {
    expect(keptDiscountCents(kept, sub)).toBe(off)
  })
})
