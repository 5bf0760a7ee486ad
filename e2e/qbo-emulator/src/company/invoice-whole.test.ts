// What an invoice from the field carries, as QuickBooks takes it: discount lines below the subtotal on the
// company's discount account (recorded invoices 39 and 49), a ship-to address of its own, and a job's invoice under
// its sub-customer, whose parent must be there first.
import { describe, expect, it } from 'vitest'
import { readQboFixture } from '#fixtures/qbo-fixtures.ts'
import type { Json } from './types.ts'
import { entityOf, faultCode, salesLine, testCompany } from './test-helpers.ts'

const recorded = (id: string) =>
  (
    (readQboFixture('invoice/query-with-discountline-taxline-linkedtxn.nango.json') as Json).QueryResponse as {
      Invoice: Json[]
    }
  ).Invoice.find((i) => i.Id === id)!
const kinds = (inv: Json) => (inv.Line as Json[]).map((l) => l.DetailType)

describe('discount lines', () => {
  it('come after the subtotal line, as recorded invoices show them, with QuickBooks’ amount and account', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [
          salesLine('1', 2, 89, 178),
          {
            DetailType: 'DiscountLineDetail',
            Amount: 1,
            DiscountLineDetail: { PercentBased: true, DiscountPercent: 5 },
          },
        ],
      }),
      'Invoice',
    )
    expect(kinds(inv)).toEqual(kinds(recorded('49')).filter((k, i, all) => all.indexOf(k) === i))
    const discount = (inv.Line as Json[]).find((l) => l.DetailType === 'DiscountLineDetail')!
    // 5 % of 178.00 = 8.90, whatever Amount was sent.
    expect(discount).toMatchObject({
      Amount: 8.9,
      DiscountLineDetail: { PercentBased: true, DiscountPercent: 5, DiscountAccountRef: { name: 'Discounts given' } },
    })
    expect(inv.TotalAmt).toBe(169.1)
  })

  it('take a fixed amount as sent, and refuse one larger than the lines', async () => {
    const t = testCompany()
    const fixed = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [
          salesLine('1', 1, 89, 89),
          { DetailType: 'DiscountLineDetail', Amount: 14, DiscountLineDetail: { PercentBased: false } },
        ],
      }),
      'Invoice',
    )
    expect(fixed.TotalAmt).toBe(75)
    const tooMuch = await t.post('/invoice', {
      CustomerRef: { value: '1' },
      Line: [
        salesLine('1', 1, 89, 89),
        { DetailType: 'DiscountLineDetail', Amount: 90, DiscountLineDetail: { PercentBased: false } },
      ],
    })
    expect(faultCode(tooMuch)).toBe('6000')
  })
})

describe('ShipAddr', () => {
  it('is the invoice’s own when sent, the customer’s otherwise', async () => {
    const t = testCompany()
    const site = { Line1: '38921 S. Boise Ave', City: 'Middlefield', CountrySubDivisionCode: 'CA', PostalCode: '94304' }
    const own = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)], ShipAddr: site }),
      'Invoice',
    )
    expect(own.ShipAddr).toMatchObject(site)
    const customer = entityOf(await t.get('/customer/1'), 'Customer')
    const copied = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    expect(copied.ShipAddr).toEqual(customer.ShipAddr ?? customer.BillAddr)
  })

  it('refuses an address line longer than QuickBooks allows', async () => {
    const t = testCompany()
    const r = await t.post('/invoice', {
      CustomerRef: { value: '1' },
      Line: [salesLine('1', 1, 89, 89)],
      ShipAddr: { Line1: 'x'.repeat(501) },
    })
    expect(faultCode(r)).toBe('2050')
  })
})

describe('sub-customers', () => {
  it('sit under a parent that exists, and take invoices of their own', async () => {
    const t = testCompany()
    const orphan = await t.post('/customer', { DisplayName: 'Oak Ave boiler', ParentRef: { value: '9999' } })
    expect(faultCode(orphan)).toBeDefined()
    const parent = entityOf(await t.get('/customer/1'), 'Customer')
    const job = entityOf(
      await t.post('/customer', {
        DisplayName: 'J-104 Oak Ave boiler',
        Job: true,
        BillWithParent: true,
        ParentRef: { value: '1' },
      }),
      'Customer',
    )
    expect(job).toMatchObject({
      Job: true,
      Level: 1,
      ParentRef: { value: '1' },
      FullyQualifiedName: `${String(parent.FullyQualifiedName)}:J-104 Oak Ave boiler`,
    })
    const inv = entityOf(
      await t.post('/invoice', { CustomerRef: { value: String(job.Id) }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    expect(inv.CustomerRef).toEqual({ value: job.Id, name: 'J-104 Oak Ave boiler' })
  })
})
