// Invoice amounts: line amounts, subtotal, tax per rate, discounts, totals and the defaults QuickBooks fills in.
import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, faultCode, salesLine, testCompany } from './test-helpers.ts'

// Seeded: customer 1 Amy Chen (active, taxable), 10 Tom Nguyen (inactive); items 1 Service Call
// (89), 8 PEX Pipe (1.35), 10 Ball Valve (18.5), 14 inactive; tax code 2 = California 7.25 % +
// Sacramento County 1.5 %.

describe('Invoice math', () => {
  it('computes line amounts, appends the SubTotalLine, rounds tax per rate and totals', async () => {
    const t = testCompany()
    const r = await t.post('/invoice', {
      CustomerRef: { value: '1' },
      Line: [
        salesLine('5', 1, 1450, 1450),
        salesLine('8', 25, 1.35, 33.75, 'TAX'),
        salesLine('10', 2, 18.5, 37, 'TAX'),
      ],
      TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      TotalAmt: 1, // read-only: overwritten
    })
    const inv = entityOf(r, 'Invoice')
    const lines = inv.Line as Json[]
    expect(lines.at(-1)).toEqual({ Amount: 1520.75, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} })
    expect(lines.slice(0, 3).map((l) => [l.Id, l.LineNum])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ])
    // 70.75 taxable: 7.25 % = 5.129… → 5.13, 1.5 % = 1.061… → 1.06.
    expect(inv.TxnTaxDetail).toMatchObject({
      TxnTaxCodeRef: { value: '2' },
      TotalTax: 6.19,
      TaxLine: [{ Amount: 5.13 }, { Amount: 1.06 }],
    })
    expect(inv.TotalAmt).toBe(1526.94)
    expect(inv.Balance).toBe(1526.94)
  })

  it('rounds each tax rate to cents before summing (7.00 taxed: 0.51 + 0.11, not 8.75 % = 0.61)', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [salesLine('1', 1, 7, 7, 'TAX')],
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      }),
      'Invoice',
    )
    expect((inv.TxnTaxDetail as Json).TotalTax).toBe(0.62)
    expect(inv.TotalAmt).toBe(7.62)
  })

  it('keeps a TotalTax the app sends (no TaxLine) instead of computing one, with or without a tax code', async () => {
    const t = testCompany()
    // 70.75 taxable at the app's 7.75 % = 5.48; the code would compute 6.19.
    const lines = [salesLine('8', 25, 1.35, 33.75, 'TAX'), salesLine('10', 2, 18.5, 37, 'TAX')]
    const bare = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: { TotalTax: 5.48 } }),
      'Invoice',
    )
    expect(bare).toMatchObject({ TxnTaxDetail: { TotalTax: 5.48 }, TotalAmt: 76.23, Balance: 76.23 })
    const coded = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: lines,
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 5.48 },
      }),
      'Invoice',
    )
    // Prorated over the rates by their computed share (5.13 : 1.06), the last taking the remainder.
    expect(coded.TxnTaxDetail).toMatchObject({ TotalTax: 5.48, TaxLine: [{ Amount: 4.54 }, { Amount: 0.94 }] })
    expect(coded.TotalAmt).toBe(76.23)
    // A detail read back (with its TaxLines) and sent again is recomputed from the rates.
    const resent = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: coded.TxnTaxDetail }),
      'Invoice',
    )
    expect((resent.TxnTaxDetail as Json).TotalTax).toBe(6.19)
    expect(
      faultCode(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: { TotalTax: -1 } })),
    ).toBe('2010')
  })

  it('checks Amount against Qty × UnitPrice rounded half-up to cents (3 × 0.335 = 1.01)', async () => {
    const t = testCompany()
    expect(
      faultCode(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 3, 0.335, 1)] })),
    ).toBe('6000')
    expect(
      entityOf(
        await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 3, 0.335, 1.01)] }),
        'Invoice',
      ).TotalAmt,
    ).toBe(1.01)
  })

  it('takes a percent discount off the subtotal before the total', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [
          salesLine('1', 2, 89, 178),
          {
            DetailType: 'DiscountLineDetail',
            Amount: 0,
            DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
          },
        ],
      }),
      'Invoice',
    )
    expect(inv.TotalAmt).toBe(160.2)
  })

  it('leaves tax at 0 without a transaction tax code, and for a non-taxable customer', async () => {
    const t = testCompany()
    const plain = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('8', 10, 1.35, 13.5, 'TAX')] }),
      'Invoice',
    )
    expect(plain.TxnTaxDetail).toEqual({ TotalTax: 0 })
    const c = entityOf(await t.get('/customer/2'), 'Customer')
    await t.post('/customer', { Id: '2', SyncToken: c.SyncToken, sparse: true, Taxable: false })
    const exempt = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '2' },
        Line: [salesLine('8', 10, 1.35, 13.5, 'TAX')],
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      }),
      'Invoice',
    )
    expect((exempt.TxnTaxDetail as Json).TotalTax).toBe(0)
    expect(exempt.TotalAmt).toBe(13.5)
  })

  it('copies BillAddr and BillEmail from the customer, names refs, defaults TxnDate and DueDate (+30 days)', async () => {
    const t = testCompany()
    const customer = entityOf(await t.get('/customer/1'), 'Customer')
    const inv = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    expect(inv).toMatchObject({
      BillAddr: customer.BillAddr,
      BillEmail: customer.PrimaryEmailAddr,
      CustomerRef: { value: '1', name: 'Amy Chen' },
      TxnDate: '2026-03-01',
      DueDate: '2026-03-31',
    })
    expect(((inv.Line as Json[])[0]?.SalesItemLineDetail as Json).ItemRef).toEqual({ value: '1', name: 'Service Call' })
  })
})
