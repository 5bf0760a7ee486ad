/**
 * The `history` seed: a company a year into QuickBooks, as a new tablet meets it (issue 11). Rivertown Plumbing &
 * Drain has invoices 1001–1030 from 2025-01-06 to 2026-01-31 — paid (the first five paid more than twelve months
 * before 2026-03-01), partly paid, open, one voided — payments applied through LinkedTxn (one to two invoices at
 * once), an unapplied credit, two customers sharing Diego Alvarez's email, inactive "(deleted)" twins of active
 * customers and an item, names with stray spaces (" Mark Cho", "Luis Romero ", "Hannah  Brooks"), a job under a
 * customer, and, since its bookkeeper turned them on after a year of QuickBooks' numbering, custom transaction
 * numbers with duplicate numbers refused (6140). Every record is stamped near its TxnDate, so nothing of it is
 * inside CDC's 30 days after 2026-03-02.
 */
import type { CompanySnapshot, Json } from '../company/types.ts'
import { createSeedBuilder } from './builder.ts'
import { companyInfo, preferences, setUpCompany } from './company-setup.ts'
import { addr } from './small-books.ts'
import {
  HISTORY_CUSTOMERS,
  HISTORY_DELETED,
  HISTORY_INACTIVE_ITEMS,
  HISTORY_ITEMS,
  HISTORY_PAYMENTS,
  HISTORY_VOIDED,
  INVOICE_CUSTOMERS,
  STRAY_SPACES,
} from './history-books.ts'

export const HISTORY_REALM_ID = '9341453908024455'
const FIRST_INVOICE = Date.parse('2025-01-06T17:00:00Z')
const DAY = 86_400_000
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const invoiceTime = (n: number) => FIRST_INVOICE + n * 13 * DAY

function buildHistory(): CompanySnapshot {
  const b = createSeedBuilder(
    HISTORY_REALM_ID,
    companyInfo(
      'Rivertown Plumbing & Drain',
      {
        Line1: '418 Riverside Blvd',
        City: 'Sacramento',
        CountrySubDivisionCode: 'CA',
        PostalCode: '95818',
        Country: 'US',
      },
      'office@rivertownplumbing.example',
      '2024-12-02',
    ),
    // A year of QuickBooks' own numbering first; custom numbers come on at the end.
    preferences(),
    Date.parse('2024-12-02T17:00:00Z'),
  )
  const chart = setUpCompany(b)
  const customerIds = HISTORY_CUSTOMERS.map(([DisplayName, GivenName, FamilyName, email], i) =>
    b.create('Customer', {
      DisplayName,
      ...(GivenName ? { GivenName, FamilyName } : { CompanyName: DisplayName.replace(' (deleted)', '') }),
      ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
      PrimaryPhone: { FreeFormNumber: `(916) 555-${String(1200 + i * 7)}` },
      BillAddr: addr(
        `${200 + i * 41} ${['Freeport Blvd', 'Land Park Dr', 'Broadway', 'X St'][i % 4]}`,
        'Sacramento',
        '95818',
      ),
    }),
  )
  const idOf = (name: string) => customerIds[HISTORY_CUSTOMERS.findIndex((c) => c[0] === name)] ?? ''
  // An old import's names, as QuickBooks kept them (its API trims names today); invoices then carry them too.
  for (const [entered, stored] of STRAY_SPACES)
    b.verbatim('Customer', idOf(entered), { DisplayName: stored, FullyQualifiedName: stored, PrintOnCheckName: stored })
  const oakwood = customerIds[HISTORY_CUSTOMERS.findIndex((c) => c[0] === 'Oakwood Apartments')] ?? ''
  customerIds.push(
    b.create('Customer', {
      DisplayName: 'Oakwood - Unit 4B',
      ParentRef: { value: oakwood },
      BillWithParent: true,
      BillAddr: addr('77 Oakwood Ln Unit 4B', 'Sacramento', '95822'),
    }),
  )
  const itemIds = HISTORY_ITEMS.map(([Name, Type, UnitPrice, Description, Taxable]) =>
    b.create('Item', {
      Name,
      Type,
      UnitPrice,
      Description,
      Taxable,
      IncomeAccountRef: { value: Type === 'Service' ? chart.services : chart.materials },
      ...(Type === 'Service' ? {} : { ExpenseAccountRef: { value: chart.cogs } }),
    }),
  )

  // The year, in date order: invoices every 13 days, each payment some days after what it pays.
  const events: { at: number; run: () => void }[] = []
  const invoiceIds: string[] = []
  INVOICE_CUSTOMERS.forEach((c, n) => {
    events.push({ at: invoiceTime(n), run: () => invoiceIds.push(createInvoice(n, customerIds[c] ?? '')) })
  })
  for (const [paid, amount, days] of HISTORY_PAYMENTS) {
    const at = invoiceTime(Math.max(...paid)) + days * DAY
    events.push({ at, run: () => pay(paid, amount, at) })
  }
  events.push({
    at: invoiceTime(HISTORY_VOIDED) + 2 * DAY,
    run: () => b.voidTxn('Invoice', invoiceIds[HISTORY_VOIDED] ?? ''),
  })
  events.sort((x, y) => x.at - y.at)
  for (const e of events) {
    b.advanceTo(e.at)
    e.run()
  }

  function createInvoice(n: number, customer: string): string {
    const service = n % 6
    const material = 6 + (n % 3)
    const taxed = n % 4 === 1
    const line = (i: number, Qty: number): Json => {
      const [, , UnitPrice, Description, taxable] = HISTORY_ITEMS[i] ?? ['', 'Service', 0, '', false]
      return {
        DetailType: 'SalesItemLineDetail',
        Amount: Math.round(Qty * UnitPrice * 100 + 1e-7) / 100,
        Description,
        SalesItemLineDetail: {
          ItemRef: { value: itemIds[i] },
          Qty,
          UnitPrice,
          TaxCodeRef: { value: taxed && taxable ? 'TAX' : 'NON' },
        },
      }
    }
    return b.create('Invoice', {
      CustomerRef: { value: customer },
      TxnDate: dateOf(invoiceTime(n)),
      Line: [line(service, 1 + (n % 3)), line(material, 5 + n)],
      ...(taxed ? { TxnTaxDetail: { TxnTaxCodeRef: { value: chart.taxCode } } } : {}),
    })
  }

  function pay(paid: number[], amount: 'full' | number, at: number): void {
    const ids = paid.map((n) => invoiceIds[n] ?? '')
    const invoice = (id: string) => b.peek('Invoice', id) ?? {}
    const each = ids.map((id) => (amount === 'full' ? Number(invoice(id).Balance) : amount))
    b.create('Payment', {
      CustomerRef: invoice(ids[0] ?? '').CustomerRef,
      TxnDate: dateOf(at),
      TotalAmt: Math.round(each.reduce((s, a) => s + a, 0) * 100) / 100,
      Line: ids.map((id, i) => ({ Amount: each[i], LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] })),
      PaymentRefNum: String(2100 + paid[0]!),
    })
  }

  // What the bookkeeper did since: a credit on account, deletions in the UI.
  b.advanceTo(invoiceTime(29) + 5 * DAY)
  b.create('Payment', {
    CustomerRef: { value: idOf('Hillside HOA') },
    TotalAmt: 75,
    TxnDate: dateOf(invoiceTime(29) + 5 * DAY),
  })
  for (const name of HISTORY_DELETED) b.edit('Customer', idOf(name), { Active: false })
  for (const name of HISTORY_INACTIVE_ITEMS)
    b.edit('Item', itemIds[HISTORY_ITEMS.findIndex((i) => i[0] === name)] ?? '', { Active: false })
  return { ...b.snapshot(), preferences: preferences({ customTxnNumbers: true, warnDuplicateDocNumber: true }) }
}

/** Rivertown Plumbing & Drain: 21 customers (one a job), 12 items, invoices 1001–1030, 20 payments. */
export const HISTORY_COMPANY: CompanySnapshot = buildHistory()
