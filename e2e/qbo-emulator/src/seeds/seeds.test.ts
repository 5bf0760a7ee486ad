import { describe, expect, it } from 'vitest'
import type { Json } from '../company/types.ts'
import { SECOND_COMPANY, SMALL_COMPANY } from './small.ts'
import { buildLarge } from './large.ts'

const customers = SMALL_COMPANY.entities.Customer ?? []
const items = SMALL_COMPANY.entities.Item ?? []
const invoices = SMALL_COMPANY.entities.Invoice ?? []
const payments = SMALL_COMPANY.entities.Payment ?? []
const email = (c: Json) => (c.PrimaryEmailAddr as Json | undefined)?.Address as string | undefined

describe('small seed', () => {
  it('has the size of an Intuit sandbox company', () => {
    expect(customers).toHaveLength(30)
    expect(items).toHaveLength(15)
    expect(invoices.length + SMALL_COMPANY.deleted.length).toBe(30)
    expect(payments).toHaveLength(10)
  })

  it('has the chart of accounts a contractor needs, and a two-rate sales tax code', () => {
    const types = new Set((SMALL_COMPANY.entities.Account ?? []).map((a) => `${a.AccountType}/${a.AccountSubType}`))
    for (const t of [
      'Income/ServiceFeeIncome',
      'Income/SalesOfProductIncome',
      'Expense/SuppliesMaterials',
      'Cost of Goods Sold/SuppliesMaterialsCogs',
      'Bank/Checking',
      'Other Current Asset/UndepositedFunds',
      'Accounts Receivable/AccountsReceivable',
    ])
      expect(types).toContain(t)
    const code = (SMALL_COMPANY.entities.TaxCode ?? []).find((c) => c.Name === 'Sacramento') as Json
    expect(((code.SalesTaxRateList as Json).TaxRateDetail as Json[]).length).toBe(2)
  })

  it('carries the messes of real books', () => {
    const folded = customers
      .map(email)
      .filter((e): e is string => !!e)
      .map((e) => e.toLowerCase())
    expect(folded.length - new Set(folded).size).toBeGreaterThanOrEqual(2) // same address, different case
    expect(customers.filter((c) => !email(c)).length).toBeGreaterThanOrEqual(3)
    expect(customers.filter((c) => c.Active === false).map((c) => c.DisplayName)).toEqual([
      'Tom Nguyen',
      'Delta Storage Units',
      'Frank Russo',
    ])
    expect(items.filter((c) => c.Active === false)).toHaveLength(2)
    // Near-duplicate names a matcher must not merge.
    expect(customers.map((c) => c.DisplayName)).toEqual(
      expect.arrayContaining(['Smith Plumbing', 'Smith Plumbing LLC']),
    )
    expect(customers.filter((c) => String(c.DisplayName).includes("'"))).toHaveLength(2)
    expect(customers.filter((c) => c.Job === true).map((c) => c.FullyQualifiedName)).toEqual([
      'Bayside Property Management:Bayside - 12 Marina Ct',
      'Bayside Property Management:Bayside - 88 Harbor Way',
    ])
  })

  it('has paid, part-paid, open, voided and deleted invoices, and an unapplied payment', () => {
    expect(invoices.filter((i) => i.Balance === 0 && Number(i.TotalAmt) > 0).length).toBeGreaterThanOrEqual(5)
    expect(invoices.some((i) => Number(i.Balance) > 0 && Number(i.Balance) < Number(i.TotalAmt))).toBe(true)
    expect(invoices.filter((i) => String(i.PrivateNote ?? '').startsWith('Voided'))).toHaveLength(1)
    expect(SMALL_COMPANY.deleted).toHaveLength(1)
    expect(payments.filter((p) => Number(p.UnappliedAmt) > 0)).toHaveLength(1)
    expect(invoices.filter((i) => Number((i.TxnTaxDetail as Json).TotalTax) > 0).length).toBeGreaterThanOrEqual(5)
  })

  it('is stable: Ids, DocNumbers and stamps do not depend on when it is built', () => {
    expect(customers[0]).toMatchObject({
      Id: '1',
      DisplayName: 'Amy Chen',
      MetaData: { CreateTime: '2026-02-16T09:22:00-08:00' },
    })
    expect(invoices.map((i) => i.DocNumber)).toEqual(invoices.map((_, n) => String(1001 + n + (n >= 20 ? 1 : 0))))
  })

  it('has a second company with its own name', () => {
    expect(SECOND_COMPANY.realmId).not.toBe(SMALL_COMPANY.realmId)
    expect(SECOND_COMPANY.companyInfo.CompanyName).toBe('Summit Landscaping LLC')
  })
})

describe('large seed', () => {
  it('is the same for the same seed and different for another', () => {
    const a = buildLarge({ seed: 1, customers: 300, items: 20, invoices: 200 })
    const b = buildLarge({ seed: 1, customers: 300, items: 20, invoices: 200 })
    const c = buildLarge({ seed: 2, customers: 300, items: 20, invoices: 200 })
    expect(a).toEqual(b)
    expect(c.entities.Customer?.map((x) => x.DisplayName)).not.toEqual(a.entities.Customer?.map((x) => x.DisplayName))
  })

  it('carries real books’ collisions: "(deleted)" twins, shared emails, stray spaces', () => {
    const some = buildLarge({ customers: 1000, items: 20, invoices: 50 }).entities.Customer ?? []
    const mail = (c: Json) => String((c.PrimaryEmailAddr as Json | undefined)?.Address ?? '')
    const twins = some.filter((c) => String(c.DisplayName).endsWith(' (deleted)'))
    expect(twins).toHaveLength(2)
    for (const t of twins) {
      expect(t.Active).toBe(false)
      expect(some).toContainEqual(
        expect.objectContaining({ DisplayName: String(t.DisplayName).replace(' (deleted)', '') }),
      )
    }
    const emails = some.map(mail).filter(Boolean)
    expect(emails.length - new Set(emails).size).toBeGreaterThanOrEqual(4)
    expect(some.filter((c) => String(c.DisplayName).startsWith(' '))).toHaveLength(2)
    expect(some).toHaveLength(1000)
  })

  // Building 20,000 records through the rules takes seconds on a loaded machine: a budget, not a wait.
  it('builds 10,000 customers with unique names, 500 items and 10,000 invoices', () => {
    const big = buildLarge()
    expect(big.entities.Customer).toHaveLength(10_000)
    expect(new Set(big.entities.Customer?.map((c) => String(c.DisplayName).toLowerCase())).size).toBe(10_000)
    expect(big.entities.Item).toHaveLength(500)
    expect(big.entities.Invoice).toHaveLength(10_000)
  }, 30_000)
})
