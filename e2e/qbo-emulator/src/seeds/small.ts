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

export const SMALL_REALM_ID = '9341453908021226'
export const SECOND_REALM_ID = '9341453908021789'

const addr = (Line1: string, City: string, PostalCode: string): Json => ({ Line1, City, CountrySubDivisionCode: 'CA', PostalCode, Country: 'USA' })

/** [DisplayName, given, family, email, phone, city] — blanks stay absent. */
const CUSTOMERS: [string, string, string, string, string, string][] = [
  ['Amy Chen', 'Amy', 'Chen', 'amy.chen@example.com', '(916) 555-0101', 'Sacramento'],
  ['Bayside Property Management', '', '', 'ap@baysidepm.example', '(916) 555-0102', 'Sacramento'],
  ['Smith Plumbing', 'Dale', 'Smith', 'dale@smithplumbing.example', '(916) 555-0103', 'Elk Grove'],
  ['Smith Plumbing LLC', 'Dale', 'Smith', 'office@smithplumbing.example', '(916) 555-0104', 'Elk Grove'],
  ["Sean O'Brien", 'Sean', "O'Brien", 'sean.obrien@example.com', '(916) 555-0105', 'Folsom'],
  ["O'Brien & Sons Roofing", '', '', 'Billing@OBrienRoofing.example', '(916) 555-0106', 'Folsom'],
  ['Maria Garcia', 'Maria', 'Garcia', 'maria.garcia@example.com', '', 'Roseville'],
  ['Garcia, Maria', 'Maria', 'Garcia', 'MARIA.GARCIA@EXAMPLE.COM', '(916) 555-0108', 'Roseville'],
  ['Oak Street Apartments', '', '', 'manager@oakstreetapts.example', '(916) 555-0109', 'Sacramento'],
  ['Tom Nguyen', 'Tom', 'Nguyen', '', '(916) 555-0110', 'Davis'],
  ['Westlake HOA', '', '', 'board@westlakehoa.example', '', 'West Sacramento'],
  ['Priya Patel', 'Priya', 'Patel', 'priya.patel@example.com', '(916) 555-0112', 'Rancho Cordova'],
  ['Jim & Linda Kowalski', 'Jim', 'Kowalski', 'kowalski.family@example.com', '(916) 555-0113', 'Citrus Heights'],
  ['Riverside Dental Group', '', '', 'frontdesk@riversidedental.example', '(916) 555-0114', 'Sacramento'],
  ['Carlos Mendoza', 'Carlos', 'Mendoza', '', '', 'Elk Grove'],
  ['Hernandez Family Trust', '', '', 'trustee@hernandeztrust.example', '(916) 555-0116', 'Carmichael'],
  ['Green Valley Church', '', '', 'office@greenvalleychurch.example', '(916) 555-0117', 'Orangevale'],
  ['Beth Anderson', 'Beth', 'Anderson', 'beth.anderson@example.com', '(916) 555-0118', 'Fair Oaks'],
  ['Sunrise Bakery', '', '', 'orders@sunrisebakery.example', '(916) 555-0119', 'Sacramento'],
  ['Mike Johnson', 'Mike', 'Johnson', 'mjohnson@example.com', '(916) 555-0120', 'Sacramento'],
  ['Michael Johnson', 'Michael', 'Johnson', 'MJohnson@example.com', '(916) 555-0121', 'Natomas'],
  ['Lakeside Veterinary Clinic', '', '', 'admin@lakesidevet.example', '(916) 555-0122', 'Granite Bay'],
  ['Kim Lee', 'Kim', 'Lee', '', '(916) 555-0123', 'Sacramento'],
  ['Delta Storage Units', '', '', 'ops@deltastorage.example', '(916) 555-0124', 'Rio Vista'],
  ['Rachel Adams', 'Rachel', 'Adams', 'rachel.adams@example.com', '', 'Loomis'],
  ['Capitol Coffee Roasters', '', '', 'hello@capitolcoffee.example', '(916) 555-0126', 'Sacramento'],
  ['Hillcrest Senior Living', '', '', 'facilities@hillcrest.example', '(916) 555-0127', 'Auburn'],
  ['Frank Russo', 'Frank', 'Russo', 'frank.russo@example.com', '(916) 555-0128', 'Lincoln'],
]

/** Customers the bookkeeper has made inactive (soft-deleted) in QuickBooks. */
const INACTIVE = ['Tom Nguyen', 'Delta Storage Units', 'Frank Russo']

/** [Name, Type, price, description, taxable] */
const ITEMS: [string, 'Service' | 'NonInventory' | 'Inventory', number, string, boolean][] = [
  ['Service Call', 'Service', 89, 'Trip charge and first half hour on site', false],
  ['Labor - Standard', 'Service', 115, 'Technician labor, per hour', false],
  ['Labor - After Hours', 'Service', 172.5, 'Technician labor nights and weekends, per hour', false],
  ['Drain Cleaning', 'Service', 245, 'Main line drain clearing with cable machine', false],
  ['Water Heater Install', 'Service', 1450, '50 gal gas water heater installation, haul-away included', false],
  ['Leak Detection', 'Service', 325, 'Electronic leak detection', false],
  ['Sewer Camera Inspection', 'Service', 295, 'Video inspection of sewer lateral', false],
  ['PEX Pipe 1/2 in', 'NonInventory', 1.35, 'PEX-A tubing, per foot', true],
  ['Copper Fitting 3/4 in', 'NonInventory', 4.79, 'Copper sweat fitting', true],
  ['Ball Valve 3/4 in', 'NonInventory', 18.5, 'Full-port brass ball valve', true],
  ['Wax Ring', 'NonInventory', 6.25, 'Toilet wax ring with flange', true],
  ['Garbage Disposal 1/2 HP', 'Inventory', 189, 'InSinkErator Badger 5, installed separately', true],
  ['Permit Fee', 'Service', 150, 'City permit, passed through at cost', false],
  ['Old Drain Snake Rental', 'Service', 45, 'No longer offered', false],
  ['Galvanized Nipple 1/2 in', 'NonInventory', 3.1, 'Discontinued stock', true],
]
const INACTIVE_ITEMS = ['Old Drain Snake Rental', 'Galvanized Nipple 1/2 in']

/** [customer index, TxnDate, taxed, [item index, qty][] ] */
const INVOICES: [number, string, boolean, [number, number][]][] = [
  [0, '2026-01-06', false, [[0, 1], [1, 2]]],
  [1, '2026-01-07', true, [[4, 1], [7, 25], [9, 2]]],
  [2, '2026-01-08', false, [[3, 1]]],
  [3, '2026-01-08', false, [[0, 1], [5, 1]]],
  [4, '2026-01-09', true, [[1, 1.5], [8, 6]]],
  [5, '2026-01-12', false, [[6, 1]]],
  [6, '2026-01-12', true, [[11, 1], [1, 1]]],
  [8, '2026-01-13', true, [[1, 3.25], [7, 40], [8, 12]]],
  [10, '2026-01-14', false, [[3, 2]]],
  [11, '2026-01-15', true, [[0, 1], [10, 1]]],
  [12, '2026-01-16', false, [[2, 2]]],
  [13, '2026-01-19', true, [[5, 1], [9, 3], [8, 7]]],
  [14, '2026-01-20', false, [[0, 1]]],
  [15, '2026-01-21', true, [[4, 1], [12, 1]]],
  [16, '2026-01-22', false, [[6, 1], [3, 1]]],
  [17, '2026-01-23', true, [[7, 33], [8, 9], [1, 2.75]]],
  [18, '2026-01-26', false, [[1, 4]]],
  [19, '2026-01-27', true, [[10, 2], [1, 1]]],
  [20, '2026-01-28', false, [[0, 1], [1, 0.5]]],
  [21, '2026-01-29', true, [[9, 1], [1, 1.25]]],
  [23, '2026-02-02', false, [[3, 1], [6, 1]]],
  [24, '2026-02-03', false, [[5, 1]]],
  [25, '2026-02-04', true, [[11, 2], [1, 2]]],
  [26, '2026-02-05', false, [[2, 3]]],
  [0, '2026-02-06', false, [[1, 1]]],
  [1, '2026-02-09', true, [[7, 120], [8, 30], [1, 6]]],
  [4, '2026-02-10', false, [[0, 1]]],
  [8, '2026-02-11', false, [[3, 1]]],
  [13, '2026-02-12', false, [[12, 1]]],
  [18, '2026-02-13', true, [[9, 2], [1, 1]]],
]

function buildSmall(): CompanySnapshot {
  const b = createSeedBuilder(
    SMALL_REALM_ID,
    companyInfo('Ridgeline Plumbing & Heating', { Line1: '2140 Alhambra Blvd', City: 'Sacramento', CountrySubDivisionCode: 'CA', PostalCode: '95817', Country: 'US' }, 'office@ridgelineplumbing.example', '2025-11-03'),
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
      BillAddr: addr(`${1000 + i * 37} ${['Fulton Ave', 'J St', 'Folsom Blvd', 'Watt Ave', 'Florin Rd'][i % 5]}`, city, `958${String(10 + (i % 40)).padStart(2, '0')}`),
      ...(i % 7 === 3 ? { Notes: 'Gate code 4410. Dog in back yard.' } : {}),
    }),
  )
  // Two jobs under a property manager, as sub-customers.
  b.create('Customer', { DisplayName: 'Bayside - 12 Marina Ct', ParentRef: { value: customerIds[1] }, BillWithParent: true, BillAddr: addr('12 Marina Ct', 'Sacramento', '95831') })
  b.create('Customer', { DisplayName: 'Bayside - 88 Harbor Way', ParentRef: { value: customerIds[1] }, BillWithParent: true, BillAddr: addr('88 Harbor Way', 'Sacramento', '95831') })

  // A vendor and an employee: their DisplayNames are taken for customers too.
  b.put('Vendor', { DisplayName: 'Ferguson Supply', CompanyName: 'Ferguson Enterprises', Active: true, PrimaryEmailAddr: { Address: 'sacramento@ferguson.example' } })
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
      ...(Type === 'Service' ? {} : { ExpenseAccountRef: { value: chart.cogs }, PurchaseCost: Math.round(UnitPrice * 55) / 100 }),
      ...(Type === 'Inventory' ? { AssetAccountRef: { value: chart.inventoryAsset }, InvStartDate: '2025-11-03', QtyOnHand: 6, Sku: 'ISE-BADGER5' } : {}),
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
          SalesItemLineDetail: { ItemRef: { value: itemIds[i] }, Qty, UnitPrice, TaxCodeRef: { value: taxed && item?.[4] ? 'TAX' : 'NON' } },
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
  pay(13, total(11) + total(28), [[11, total(11)], [28, total(28)]], { PaymentRefNum: '88120' })
  pay(17, 250, [[15, 250]])
  pay(19, total(17), [[17, total(17)]])
  pay(26, total(23), [[23, total(23)]], { PaymentRefNum: '3307' })

  // What the bookkeeper did afterwards in QuickBooks.
  b.wait(86_400_000)
  for (const name of INACTIVE) b.edit('Customer', customerIds[CUSTOMERS.findIndex((c) => c[0] === name)] ?? '', { Active: false })
  for (const name of INACTIVE_ITEMS) b.edit('Item', itemIds[ITEMS.findIndex((c) => c[0] === name)] ?? '', { Active: false })
  b.edit('Customer', customerIds[9] ?? '', { Notes: 'Moved out of the area' })
  b.edit('Customer', customerIds[0] ?? '', { PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
  b.edit('Invoice', inv(9), { DueDate: '2026-03-15', PrivateNote: 'Customer asked for extra time' })
  b.voidTxn('Invoice', inv(12))
  b.remove('Invoice', inv(20))
  return b.snapshot()
}

function buildSecond(): CompanySnapshot {
  const b = createSeedBuilder(
    SECOND_REALM_ID,
    companyInfo('Summit Landscaping LLC', { Line1: '77 Cedar Ravine Rd', City: 'Placerville', CountrySubDivisionCode: 'CA', PostalCode: '95667', Country: 'US' }, 'hello@summitlandscaping.example', '2025-10-01'),
    preferences(),
    Date.parse('2025-12-02T17:00:00Z'),
  )
  const chart = setUpCompany(b)
  const customers = ['Apple Hill Orchards', 'Dana Brooks', 'Cedar Ravine Winery', "Patrick O'Neil", 'El Dorado Hills Dental'].map((DisplayName, i) =>
    b.create('Customer', { DisplayName, ...(i % 2 ? { PrimaryEmailAddr: { Address: `contact${i}@summit-clients.example` } } : {}) }),
  )
  const mow = b.create('Item', { Name: 'Weekly Mowing', Type: 'Service', UnitPrice: 65, IncomeAccountRef: { value: chart.services } })
  const mulch = b.create('Item', { Name: 'Bark Mulch (yard)', Type: 'NonInventory', UnitPrice: 48, Taxable: true, IncomeAccountRef: { value: chart.materials } })
  b.create('Item', { Name: 'Sprinkler Repair', Type: 'Service', UnitPrice: 95, IncomeAccountRef: { value: chart.services } })
  for (const [c, qty] of [[0, 4], [2, 8], [4, 2]] as const) {
    b.create('Invoice', {
      CustomerRef: { value: customers[c] },
      TxnDate: '2025-12-01',
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 65 * qty, SalesItemLineDetail: { ItemRef: { value: mow }, Qty: qty, UnitPrice: 65 } },
        { DetailType: 'SalesItemLineDetail', Amount: 48 * 2, SalesItemLineDetail: { ItemRef: { value: mulch }, Qty: 2, UnitPrice: 48, TaxCodeRef: { value: 'TAX' } } },
      ],
      TxnTaxDetail: { TxnTaxCodeRef: { value: chart.taxCode } },
    })
  }
  return b.snapshot()
}

/** Ridgeline Plumbing & Heating: 30 customers (2 of them jobs), 15 items, 30 invoices, 10 payments. */
export const SMALL_COMPANY: CompanySnapshot = buildSmall()
/** Summit Landscaping LLC: a second company so the consent page has a picker. */
export const SECOND_COMPANY: CompanySnapshot = buildSecond()
