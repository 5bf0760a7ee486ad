/**
 * The emulator rounds to the cent on its own (it must not import the app), but against the same
 * cases as the app's money module: both suites read shared/money.cases.json, which is data only.
 */
import { describe, expect, it } from 'vitest'
import cases from '#shared/money.cases.json' with { type: 'json' }
import { cents } from './json.ts'

describe('cent rounding, on the cases the app is tested with', () => {
  it.each(cases.toCents)('rounds $dollars to $cents cents', ({ dollars, cents: expected }) => {
    expect(cents(dollars)).toBe(expected / 100)
  })

  it.each(cases.lineAmount)('prices $qty × $unitPrice at $amountCents cents', ({ qty, unitPrice, amountCents }) => {
    expect(cents(qty * unitPrice)).toBe(amountCents / 100)
  })

  it.each(cases.tax)('taxes $base at $ratePercent % as $taxCents cents', ({ base, ratePercent, taxCents }) => {
    expect(cents((base * ratePercent) / 100)).toBe(taxCents / 100)
  })
})
