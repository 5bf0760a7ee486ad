import { describe, expect, it } from 'vitest'
import { invoiceNumberPast } from './invoice-numbers.ts'

describe('invoiceNumberPast', () => {
  it.each([
    ['no invoices in QuickBooks', 1001, [], 1001],
    ['QuickBooks already has 1001', 1001, ['1001'], 1002],
    ['the highest number counts, not the last one', 1001, ['1040', '1003', '999'], 1041],
    ['numbers compare as numbers, not text', 1001, ['999', '1000'], 1001],
    ['never backwards', 2001, ['1500'], 2001],
    ['equal to the next: moves one past', 2001, ['2001'], 2002],
    ['non-numeric DocNumbers are ignored', 1001, ['A-5000', '2024/7', '', '12.5', '-3000'], 1001],
    ['surrounding spaces are tolerated', 1001, [' 1500 '], 1501],
    ['absent DocNumbers are ignored', 1001, [undefined, null, 1500], 1001],
    ['numbers too long for an integer are ignored', 1001, ['1234567890123456789'], 1001],
  ])('%s', (_name, current, docNumbers, want) => {
    expect(invoiceNumberPast(current, docNumbers)).toBe(want)
  })
})
