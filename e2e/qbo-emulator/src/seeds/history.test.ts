import { describe, expect, it } from 'vitest'
import type { Json } from '../company/types.ts'
import { createManualClock } from '../clock.ts'
import { createCompanies } from '../company/index.ts'
import { HISTORY_COMPANY, HISTORY_REALM_ID } from './history.ts'

const customers = HISTORY_COMPANY.entities.Customer ?? []
const invoices = HISTORY_COMPANY.entities.Invoice ?? []
const payments = HISTORY_COMPANY.entities.Payment ?? []
const items = HISTORY_COMPANY.entities.Item ?? []
const email = (c: Json) => String((c.PrimaryEmailAddr as Json | undefined)?.Address ?? '').toLowerCase()
const AS_OF = Date.parse('2026-03-01T00:00:00Z')
const YEAR_BEFORE = '2025-03-01'

describe('history seed', () => {
  it('has invoices 1001–1030 over a year: paid (some over 12 months ago), partly paid, open, one voided', () => {
    expect(invoices.map((i) => i.DocNumber)).toEqual(Array.from({ length: 30 }, (_, n) => String(1001 + n)))
    const paid = invoices.filter((i) => i.Balance === 0 && Number(i.TotalAmt) > 0)
    expect(paid.filter((i) => String(i.TxnDate) < YEAR_BEFORE).length).toBeGreaterThanOrEqual(5)
    expect(paid.filter((i) => String(i.TxnDate) >= YEAR_BEFORE).length).toBeGreaterThanOrEqual(5)
    expect(
      invoices.filter((i) => Number(i.Balance) > 0 && Number(i.Balance) < Number(i.TotalAmt)).length,
    ).toBeGreaterThanOrEqual(3)
    expect(invoices.filter((i) => i.Balance === i.TotalAmt && Number(i.TotalAmt) > 0).length).toBeGreaterThanOrEqual(8)
    expect(invoices.filter((i) => String(i.PrivateNote ?? '').startsWith('Voided'))).toHaveLength(1)
    expect(invoices[0]?.TxnDate).toBe('2025-01-06')
    expect(invoices.at(-1)?.TxnDate).toBe('2026-01-18')
  })

  it('applies payments through LinkedTxn, one of them to two invoices, and holds an unapplied credit', () => {
    const linked = payments.map((p) => (p.Line as Json[]).length)
    expect(linked).toContain(2)
    expect(payments.filter((p) => Number(p.UnappliedAmt) > 0)).toHaveLength(1)
    // 19 applied payments, one of them to two invoices: 20 invoices name a payment in LinkedTxn.
    expect(invoices.filter((i) => (i.LinkedTxn as Json[]).length > 0)).toHaveLength(20)
  })

  it('carries the collisions: a shared email, "(deleted)" twins, stray spaces, a job', () => {
    const diego = customers.filter((c) => email(c) === 'diego.alvarez@example.com')
    expect(diego.map((c) => c.DisplayName)).toEqual(['Diego Alvarez', 'Alvarez Rentals LLC'])
    const twins = customers.filter((c) => String(c.DisplayName).endsWith(' (deleted)'))
    expect(twins.map((c) => [c.DisplayName, c.Active])).toEqual([
      ['Priya Shah (deleted)', false],
      ['Oakwood Apartments (deleted)', false],
    ])
    for (const t of twins) expect(customers.some((c) => c.Active !== false && email(c) === email(t))).toBe(true)
    expect(customers.map((c) => c.DisplayName)).toEqual(
      expect.arrayContaining([' Mark Cho', 'Luis Romero ', 'Hannah  Brooks']),
    )
    expect(invoices.filter((i) => (i.CustomerRef as Json).name === ' Mark Cho')).toHaveLength(3)
    expect(customers.filter((c) => c.Job === true).map((c) => c.FullyQualifiedName)).toEqual([
      'Oakwood Apartments:Oakwood - Unit 4B',
    ])
    expect(items.filter((i) => i.Active === false).map((i) => i.Name)).toEqual([
      'Drain Snake Rental',
      'Galvanized Nipple 1/2 in (deleted)',
    ])
  })

  it('numbers with custom transaction numbers, duplicates refused', () => {
    expect(HISTORY_COMPANY.preferences.SalesFormsPrefs).toMatchObject({ CustomTxnNumbers: true })
    expect((HISTORY_COMPANY.preferences.OtherPrefs as Json).NameValue).toContainEqual({
      Name: 'WarnDuplicateInvoiceNumber',
      Value: 'true',
    })
  })

  it('answers a new tablet the way the issue found it: 6140 for 1001, 6240 for "Mark Cho", nothing in CDC', () => {
    const companies = createCompanies({ clock: createManualClock(AS_OF), seed: 'history' })
    const realm = companies.get(HISTORY_REALM_ID)!
    const line = { DetailType: 'SalesItemLineDetail', Amount: 95, SalesItemLineDetail: { ItemRef: { value: '1' } } }
    const dup = realm.create('Invoice', { CustomerRef: { value: '1' }, DocNumber: '1001', Line: [line] })
    expect(dup.ok ? 'taken' : dup.error.errors[0]?.code).toBe('6140')
    expect(realm.create('Invoice', { CustomerRef: { value: '1' }, DocNumber: '1031', Line: [line] }).ok).toBe(true)
    const mark = realm.create('Customer', { DisplayName: 'Mark Cho' })
    expect(mark.ok ? 'taken' : mark.error.errors[0]?.code).toBe('6240')
    expect(companies.list().map((c) => c.companyName)).toEqual(['Rivertown Plumbing & Drain', 'Summit Landscaping LLC'])
    const since = new Date(AS_OF - 30 * 86_400_000 + 1000).toISOString()
    const all = Object.values(HISTORY_COMPANY.entities).flat()
    const recent = all.filter(
      (r) => Date.parse(String((r.MetaData as Json | undefined)?.LastUpdatedTime)) >= Date.parse(since),
    )
    expect(recent).toEqual([])
  })
})
