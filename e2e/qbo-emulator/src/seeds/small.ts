/**
 * The `small` seed: two companies shaped like an Intuit sandbox, with the messes real books
 * have — emails that differ only in case, customers without email, inactive customers and
 * items, near-duplicate names ("Smith Plumbing" / "Smith Plumbing LLC"), apostrophes
 * ("O'Brien"), a vendor whose name a customer might want, a voided and a deleted invoice,
 * partial and unapplied payments.
 *
 * The result is plain data (`SMALL_COMPANY`, `SECOND_COMPANY`) built deterministically from a
 * fixed clock; the sync engine's tests may assert exact matches against it.
 */
import type { CompanySnapshot, Json } from '../company/types.ts'
import { createSeedBuilder } from './builder.ts'
import { companyInfo, preferences, setUpCompany } from './company-setup.ts'
import { addr, CUSTOMERS, INACTIVE, INACTIVE_ITEMS, INVOICES, ITEMS } from './small-books.ts'

export { SECOND_COMPANY, SECOND_REALM_ID } from './second.ts'

export const SMALL_REALM_ID = '9341453908021226'

function buildSmall(): CompanySnapshot {
  const b = createSeedBuilder(
    SMALL_REALM_ID,
    companyInfo(
      'Ridgeline Plumbing & Heating',
      {
        Line1: '2140 Alhambra Blvd',
        City: 'Sacramento',
        CountrySubDivisionCode: 'CA',
        PostalCode: '95817',
        Country: 'US',
      },
      'office@ridgelineplumbing.example',
      '2025-11-03',
    ),
    preferences(),
    Date.parse('2026-02-16T17:00:00Z'),
  )
  const chart = setUpCompany(b)

  const customerIds = CUSTOMERS.map(([DisplayName, GivenName, FamilyName, email, phone, city], i) =>
    b.create('Customer', {
      DisplayName,
      ...(GivenName ? { GivenName } : {}),
      ...(FamilyName ? { FamilyName } : {}),
      ...(GivenName ? {} : { CompanyName: DisplayName }),
      ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
      ...(phone ? { PrimaryPhone: { FreeFormNumber: phone } } : {}),
      BillAddr: addr(
        `${1000 + i * 37} ${['Fulton Ave', 'J St', 'Folsom Blvd', 'Watt Ave', 'Florin Rd'][i % 5]}`,
        city,
        `958${String(10 + (i % 40)).padStart(2, '0')}`,
      ),
      ...(i % 7 === 3 ? { Notes: 'Gate code 4410. Dog in back yard.' } : {}),
    }),
  )
  // Two jobs under a property manager, as sub-customers.
  b.create('Customer', {
    DisplayName: 'Bayside - 12 Marina Ct',
    ParentRef: { value: customerIds[1] },
    BillWithParent: true,
    BillAddr: addr('12 Marina Ct', 'Sacramento', '95831'),
  })
  b.create('Customer', {
    DisplayName: 'Bayside - 88 Harbor Way',
    ParentRef: { value: customerIds[1] },
    BillWithParent: true,
    BillAddr: addr('88 Harbor Way', 'Sacramento', '95831'),
  })

  // A vendor and an employee: their DisplayNames are taken for customers too.
  b.put('Vendor', {
    DisplayName: 'Ferguson Supply',
    CompanyName: 'Ferguson Enterprises',
    Active: true,
    PrimaryEmailAddr: { Address: 'sacramento@ferguson.example' },
  })
  b.put('Vendor', { DisplayName: 'Garcia Electric', CompanyName: 'Garcia Electric Inc', Active: true })
  b.put('Employee', { DisplayName: 'Dana Whitfield', GivenName: 'Dana', FamilyName: 'Whitfield', Active: true })

  const itemIds = ITEMS.map(([Name, Type, UnitPrice, Description, Taxable]) =>
    b.create('Item', {
      Name,
      Type,
      UnitPrice,
      Description,
      Taxable,
      IncomeAccountRef: { value: Type === 'Service' ? chart.services : chart.materials },
      ...(Type === 'Service'
        ? {}
        : { ExpenseAccountRef: { value: chart.cogs }, PurchaseCost: Math.round(UnitPrice * 55) / 100 }),
      ...(Type === 'Inventory'
        ? {
            AssetAccountRef: { value: chart.inventoryAsset },
            InvStartDate: '2025-11-03',
            QtyOnHand: 6,
            Sku: 'ISE-BADGER5',
          }
        : {}),
    }),
  )

  const invoiceIds = INVOICES.map(([c, TxnDate, taxed, lines]) =>
    b.create('Invoice', {
      CustomerRef: { value: customerIds[c] },
      TxnDate,
      Line: lines.map(([i, Qty]) => {
        const item = ITEMS[i]
        const UnitPrice = item?.[2] ?? 0
        return {
          DetailType: 'SalesItemLineDetail',
          Amount: Math.round(Qty * UnitPrice * 100 + 1e-7) / 100,
          Description: item?.[3],
          SalesItemLineDetail: {
            ItemRef: { value: itemIds[i] },
            Qty,
            UnitPrice,
            TaxCodeRef: { value: taxed && item?.[4] ? 'TAX' : 'NON' },
          },
        }
      }),
      ...(taxed ? { TxnTaxDetail: { TxnTaxCodeRef: { value: chart.taxCode } } } : {}),
    }),
  )
  const inv = (n: number) => invoiceIds[n] ?? ''
  const total = (n: number) => Number(b.snapshot().entities.Invoice?.find((x) => x.Id === inv(n))?.TotalAmt ?? 0)

  const pay = (c: number, amount: number, links: [number, number][], extra: Json = {}) =>
    b.create('Payment', {
      CustomerRef: { value: customerIds[c] },
      TotalAmt: amount,
      Line: links.map(([n, a]) => ({ Amount: a, LinkedTxn: [{ TxnId: inv(n), TxnType: 'Invoice' }] })),
      ...extra,
    })
  pay(0, total(0), [[0, total(0)]], { PaymentRefNum: '1042' })
  pay(1, total(1), [[1, total(1)]], { PaymentRefNum: '20877', DepositToAccountRef: { value: chart.checking } })
  pay(2, 100, [[2, 100]], { PrivateNote: 'Deposit, balance on completion' })
  pay(4, total(4), [[4, total(4)]])
  pay(8, total(7), [[7, total(7)]], { PaymentRefNum: '5531' })
  pay(11, 150, [])
  pay(
    13,
    total(11) + total(28),
    [
      [11, total(11)],
      [28, total(28)],
    ],
    { PaymentRefNum: '88120' },
  )
  pay(17, 250, [[15, 250]])
  pay(19, total(17), [[17, total(17)]])
  pay(26, total(23), [[23, total(23)]], { PaymentRefNum: '3307' })

  // What the bookkeeper did afterwards in QuickBooks.
  b.wait(86_400_000)
  for (const name of INACTIVE)
    b.edit('Customer', customerIds[CUSTOMERS.findIndex((c) => c[0] === name)] ?? '', { Active: false })
  for (const name of INACTIVE_ITEMS)
    b.edit('Item', itemIds[ITEMS.findIndex((c) => c[0] === name)] ?? '', { Active: false })
  b.edit('Customer', customerIds[9] ?? '', { Notes: 'Moved out of the area' })
  b.edit('Customer', customerIds[0] ?? '', { PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
  b.edit('Invoice', inv(9), { DueDate: '2026-03-15', PrivateNote: 'Customer asked for extra time' })
  b.voidTxn('Invoice', inv(12))
  b.remove('Invoice', inv(20))
  return b.snapshot()
}

/** Ridgeline Plumbing & Heating: 30 customers (2 of them jobs), 15 items, 30 invoices, 10 payments. */
export const SMALL_COMPANY: CompanySnapshot = buildSmall()
