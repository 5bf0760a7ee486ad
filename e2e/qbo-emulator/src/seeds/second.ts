/**
 * The `small` seed's second company, Summit Landscaping LLC: a few customers, items and invoices, so the
 * consent page has a company picker.
 */
import type { CompanySnapshot } from '../company/types.ts'
import { createSeedBuilder } from './builder.ts'
import { companyInfo, preferences, setUpCompany } from './company-setup.ts'

export const SECOND_REALM_ID = '9341453908021789'

function buildSecond(): CompanySnapshot {
  const b = createSeedBuilder(
    SECOND_REALM_ID,
    companyInfo(
      'Summit Landscaping LLC',
      {
        Line1: '77 Cedar Ravine Rd',
        City: 'Placerville',
        CountrySubDivisionCode: 'CA',
        PostalCode: '95667',
        Country: 'US',
      },
      'hello@summitlandscaping.example',
      '2025-10-01',
    ),
    preferences(),
    Date.parse('2025-12-02T17:00:00Z'),
  )
  const chart = setUpCompany(b)
  const customers = [
    'Apple Hill Orchards',
    'Dana Brooks',
    'Cedar Ravine Winery',
    "Patrick O'Neil",
    'El Dorado Hills Dental',
  ].map((DisplayName, i) =>
    b.create('Customer', {
      DisplayName,
      ...(i % 2 ? { PrimaryEmailAddr: { Address: `contact${i}@summit-clients.example` } } : {}),
    }),
  )
  const mow = b.create('Item', {
    Name: 'Weekly Mowing',
    Type: 'Service',
    UnitPrice: 65,
    IncomeAccountRef: { value: chart.services },
  })
  const mulch = b.create('Item', {
    Name: 'Bark Mulch (yard)',
    Type: 'NonInventory',
    UnitPrice: 48,
    Taxable: true,
    IncomeAccountRef: { value: chart.materials },
  })
  b.create('Item', {
    Name: 'Sprinkler Repair',
    Type: 'Service',
    UnitPrice: 95,
    IncomeAccountRef: { value: chart.services },
  })
  for (const [c, qty] of [
    [0, 4],
    [2, 8],
    [4, 2],
  ] as const) {
    b.create('Invoice', {
      CustomerRef: { value: customers[c] },
      TxnDate: '2025-12-01',
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 65 * qty,
          SalesItemLineDetail: { ItemRef: { value: mow }, Qty: qty, UnitPrice: 65 },
        },
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 48 * 2,
          SalesItemLineDetail: { ItemRef: { value: mulch }, Qty: 2, UnitPrice: 48, TaxCodeRef: { value: 'TAX' } },
        },
      ],
      TxnTaxDetail: { TxnTaxCodeRef: { value: chart.taxCode } },
    })
  }
  return b.snapshot()
}

/** Summit Landscaping LLC: a second company so the consent page has a picker. */
export const SECOND_COMPANY: CompanySnapshot = buildSecond()
