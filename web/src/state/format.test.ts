import { describe, expect, it } from 'vitest'
import { parseMoney } from '#shared/money.ts'
import { centsToInput, makeFormats, methodLabel } from './format.ts'

describe('formats for the pages', () => {
  it('writes money, quantities and dates in the chosen locale and currency', () => {
    const us = makeFormats({ locale: 'en-US', currency: 'USD' })
    expect(us.money(123456)).toBe('$1,234.56')
    expect(us.qty(1500)).toBe('1.5')
    expect(us.date('2026-03-31')).toBe('Mar 31, 2026')
    const de = makeFormats({ locale: 'de-DE', currency: 'EUR' })
    expect(de.money(123456).replace(/\s/g, ' ')).toBe('1.234,56 €')
    expect(de.qty(2250)).toBe('2,25')
  })

  it('shows a calendar day as that day whatever the time zone', () => {
    // Dates are formatted in UTC from a UTC midnight, so no zone shifts them to the day before.
    expect(makeFormats({ locale: 'en-US', currency: 'USD' }).date('2026-01-01')).toBe('Jan 1, 2026')
  })

  it('fills amount inputs with text that parses back to the same cents', () => {
    for (const [cents, locale] of [
      [0, 'en-US'],
      [5, 'en-US'],
      [123456, 'en-US'],
      [123456, 'de-DE'],
      [99, 'fr-FR'],
    ] as const) {
      const typed = centsToInput(cents, locale)
      expect(parseMoney(typed, locale)).toEqual({ ok: true, value: cents })
    }
    expect(centsToInput(123456, 'en-US')).toBe('1234.56')
  })

  it('names payment methods in words', () => {
    expect(methodLabel('bank_transfer')).toBe('Bank transfer')
    expect(methodLabel('barter')).toBe('barter')
  })
})
