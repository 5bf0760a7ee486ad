// A tax amount the app sent stays the invoice's tax until a write sends tax again (docs/quickbooks.md §11:
// Intuit honours a sent TotalTax); a computed tax follows the lines. Writes that send no tax — a sparse
// update of the memo, a bookkeeper's edit — must not turn one into the other.
import { afterEach, describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { createManualClock } from '../clock.ts'
import { createCompanies } from './index.ts'
import { entityOf, REALM, testCompany } from './test-helpers.ts'
import { startCompany, type RunningCompany } from '../../test-support/running-company.ts'

// 33.75 taxable under code 2 (California 7.25 % + Sacramento County 1.5 %) computes 2.45 + 0.51 = 2.96.
const taxed = {
  DetailType: 'SalesItemLineDetail',
  Amount: 33.75,
  SalesItemLineDetail: { ItemRef: { value: '8' }, Qty: 25, UnitPrice: 1.35, TaxCodeRef: { value: 'TAX' } },
}
const more = {
  DetailType: 'SalesItemLineDetail',
  Amount: 37,
  SalesItemLineDetail: { ItemRef: { value: '10' }, Qty: 2, UnitPrice: 18.5, TaxCodeRef: { value: 'TAX' } },
}
const appTaxed = {
  CustomerRef: { value: '1' },
  Line: [taxed],
  TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 2 },
}
const tax = (inv: Json) => inv.TxnTaxDetail as { TotalTax: number; TaxLine?: { Amount: number }[] }
const lineSum = (inv: Json) => (tax(inv).TaxLine ?? []).reduce((s, l) => Math.round((s + l.Amount) * 100) / 100, 0)

describe('an invoice whose tax the app set', () => {
  it('keeps TotalTax and TotalAmt through a sparse update of PrivateNote only', async () => {
    const t = testCompany()
    const created = entityOf(await t.post('/invoice', appTaxed), 'Invoice')
    expect([tax(created).TotalTax, created.TotalAmt]).toEqual([2, 35.75])
    const noted = entityOf(
      await t.post('/invoice', {
        Id: created.Id,
        SyncToken: created.SyncToken,
        sparse: true,
        PrivateNote: 'Gate code 4411',
      }),
      'Invoice',
    )
    expect([tax(noted).TotalTax, lineSum(noted), noted.TotalAmt, noted.Balance]).toEqual([2, 2, 35.75, 35.75])
  })

  it('keeps the amount when lines change without tax, and computes again once a write sends a tax code alone', async () => {
    const t = testCompany()
    const created = entityOf(await t.post('/invoice', appTaxed), 'Invoice')
    const relined = entityOf(
      await t.post('/invoice', { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Line: [taxed, more] }),
      'Invoice',
    )
    expect([tax(relined).TotalTax, relined.TotalAmt]).toEqual([2, 72.75])
    const coded = entityOf(
      await t.post('/invoice', {
        Id: created.Id,
        SyncToken: relined.SyncToken,
        sparse: true,
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      }),
      'Invoice',
    )
    // 70.75 taxable: 5.13 + 1.06.
    expect(tax(coded).TotalTax).toBe(6.19)
    const noted = entityOf(
      await t.post('/invoice', { Id: created.Id, SyncToken: coded.SyncToken, sparse: true, Line: [taxed] }),
      'Invoice',
    )
    expect(tax(noted).TotalTax).toBe(2.96) // computed tax follows the lines
  })

  it('keeps the amount when a bookkeeper edits the invoice in QuickBooks', () => {
    const companies = createCompanies({ clock: createManualClock(), seed: 'small' })
    const created = companies.get(REALM)!.create('Invoice', appTaxed)
    expect(created.ok).toBe(true)
    const id = String(created.ok && created.value.Id)
    const edited = companies.bookkeeperEdit(REALM, 'Invoice', id, { PrivateNote: 'Called the customer' })
    expect(edited.ok && [tax(edited.value).TotalTax, edited.value.TotalAmt]).toEqual([2, 35.75])
    // The fact survives a snapshot and a re-seed, as the record does.
    expect(companies.seed('777', companies.snapshot(REALM)).ok).toBe(true)
    const again = companies.bookkeeperEdit('777', 'Invoice', id, { PrivateNote: 'Twice' })
    expect(again.ok && tax(again.value).TotalTax).toBe(2)
  })

  it('loses the amount on a full update that omits TxnTaxDetail, which clears it as any omitted field (§4.2)', async () => {
    const t = testCompany()
    const created = entityOf(await t.post('/invoice', appTaxed), 'Invoice')
    const full = entityOf(
      await t.post('/invoice', {
        Id: created.Id,
        SyncToken: created.SyncToken,
        CustomerRef: { value: '1' },
        Line: [taxed],
      }),
      'Invoice',
    )
    expect(full.TxnTaxDetail).toEqual({ TotalTax: 0 })
  })
})

describe('an invoice whose tax was computed', () => {
  it('recomputes from its stored code when a sparse update changes the lines without sending tax', async () => {
    const t = testCompany()
    const created = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [taxed],
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      }),
      'Invoice',
    )
    expect(tax(created).TotalTax).toBe(2.96)
    const relined = entityOf(
      await t.post('/invoice', { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Line: [taxed, more] }),
      'Invoice',
    )
    expect([tax(relined).TotalTax, relined.TotalAmt]).toEqual([6.19, 76.94])
  })
})

describe('over HTTP through the admin API', () => {
  let co: RunningCompany
  afterEach(() => co.close())

  it("a bookkeeper edit of the memo leaves the app's tax and the total alone", async () => {
    co = await startCompany()
    const created = (await co.post('/invoice?minorversion=75', appTaxed)).body.Invoice as Json
    const res = await fetch(`${co.emu.url}/__admin/companies/${co.realmId}/invoice/${String(created.Id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ PrivateNote: 'Customer called' }),
    })
    const edited = (await res.json()) as Json
    expect([res.status, tax(edited).TotalTax, edited.TotalAmt, edited.SyncToken]).toEqual([200, 2, 35.75, '1'])
    const read = (await co.get(`/invoice/${String(created.Id)}`)).body.Invoice as Json
    expect([tax(read).TotalTax, read.TotalAmt]).toEqual([2, 35.75])
  })
})
