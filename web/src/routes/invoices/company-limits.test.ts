import { describe, expect, it } from 'vitest'
import { preferences } from '#emulator/src/seeds/company-setup.ts'
import { companyLimits } from './company-limits.ts'

const line = { id: 'l1', name: 'Labor', qty: 1000, unitPrice: 5000, amount: 5000, taxable: true }
const inv = { lines: [line], discount: undefined }
const codes = (raw: unknown, i: Parameters<typeof companyLimits>[1] = inv) => companyLimits(raw, i).map((l) => l.code)

/** The emulator's new US company, with these parts changed. */
function prefs(change: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const base = preferences() as Record<string, Record<string, unknown>>
  return Object.fromEntries(
    Object.entries({ ...base, ...change }).map(([k, v]) => [k, k in change ? { ...base[k], ...v } : v]),
  )
}

describe('companyLimits', () => {
  it('says nothing for a plain US company', () => {
    expect(codes(preferences())).toEqual([])
  })

  it.each([
    ['classes per transaction', { AccountingInfoPrefs: { ClassTrackingPerTxn: true } }, 'classes'],
    ['classes per line', { AccountingInfoPrefs: { ClassTrackingPerTxnLine: true } }, 'classes'],
    ['locations', { AccountingInfoPrefs: { TrackDepartments: true } }, 'locations'],
    ['several currencies', { CurrencyPrefs: { MultiCurrencyEnabled: true } }, 'currency'],
    ['a home currency other than dollars', { CurrencyPrefs: { HomeCurrency: { value: 'CAD' } } }, 'tax'],
    ['automated sales tax on a taxed invoice', { TaxPrefs: { PartnerTaxEnabled: true } }, 'automated-tax'],
  ])('names %s', (_n, change, code) => {
    expect(codes(prefs(change))).toEqual([code])
  })

  it('names a location by the company’s own word for it', () => {
    const [limit] = companyLimits(
      prefs({ AccountingInfoPrefs: { TrackDepartments: true, DepartmentTerminology: 'Division' } }),
      inv,
    )
    expect(limit?.message).toContain('tracks divisions')
  })

  it('warns of discounts turned off only when the invoice has one', () => {
    const off = prefs({ SalesFormsPrefs: { AllowDiscount: false } })
    expect(codes(off)).toEqual([])
    expect(codes(off, { lines: [line], discount: { kind: 'percent', bps: 500 } })).toEqual(['discounts-off'])
  })

  it('ignores what it cannot read', () => {
    expect(codes(undefined)).toEqual([])
    expect(codes({ AccountingInfoPrefs: 'odd' })).toEqual([])
  })
})
