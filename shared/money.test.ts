import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import cases from './money.cases.json' with { type: 'json' }
import {
  documentTotals,
  formatMoney,
  lineAmount,
  parseMoney,
  parseQty,
  sumCents,
  taxOn,
  toCents,
  toDollars,
} from './money.ts'

const cents = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })
const locales = fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'fr-CA', 'es-MX', 'de-CH', 'en-IN')

/** Exact reference: the rational qty × price / 1000 rounded half away from zero, by string digits. */
function refRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n
  const a = neg ? -num : num
  const q = a / den
  const r = a - q * den
  const up = r * 2n >= den ? q + 1n : q
  return neg ? -up : up
}

describe('money', () => {
  it('parses what people type into cents', () => {
    expect(parseMoney('1,234.5')).toEqual({ ok: true, value: 123450 })
    expect(parseMoney('$ 12')).toEqual({ ok: true, value: 1200 })
    expect(parseMoney('-3.20')).toEqual({ ok: true, value: -320 })
    expect(parseMoney('(3.20)')).toEqual({ ok: true, value: -320 })
    expect(parseMoney('.5')).toEqual({ ok: true, value: 50 })
    expect(parseMoney('1.234,5', 'de-DE')).toEqual({ ok: true, value: 123450 })
    expect(parseMoney('12.345')).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { amount: 'Use at most two decimals (cents)' } },
    })
    expect(parseMoney('twelve')).toMatchObject({
      ok: false,
      error: { fields: { amount: 'Enter an amount like 1,234.50' } },
    })
    expect(parseMoney('')).toMatchObject({ ok: false })
  })

  it('parses quantities into thousandths', () => {
    expect(parseQty('1.5')).toEqual({ ok: true, value: 1500 })
    expect(parseQty('2,25', 'de-DE')).toEqual({ ok: true, value: 2250 })
    expect(parseQty('0.0005')).toMatchObject({ ok: false, error: { fields: { qty: 'Use at most three decimals' } } })
  })

  it('rounds line amounts half away from zero', () => {
    expect(lineAmount(1500, 8000)).toBe(12000)
    expect(lineAmount(1, 500)).toBe(1) // 0.5 cent → 1
    expect(lineAmount(-1, 500)).toBe(-1)
    expect(lineAmount(333, 100)).toBe(33)
    expect(taxOn(1000, 825)).toBe(83) // 82.5 → 83
    expect(taxOn(-1000, 825)).toBe(-83)
  })

  it('line amounts equal the exact rational product, rounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (q, p) => {
        expect(BigInt(lineAmount(q, p))).toBe(refRound(BigInt(q) * BigInt(p), 1000n))
      }),
    )
  })

  it('sums never drift: any order, any grouping, same total, and equal to exact integer addition', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 200 }), fc.integer({ min: 0, max: 199 }), (xs, cut) => {
        const total = sumCents(xs)
        expect(total).toBe(Number(xs.reduce((s, x) => s + BigInt(x), 0n)))
        expect(sumCents([...xs].reverse())).toBe(total)
        expect(sumCents([sumCents(xs.slice(0, cut)), sumCents(xs.slice(cut))])).toBe(total)
      }),
    )
  })

  it('a document total is always subtotal + tax, with tax rounded once on the taxable part', () => {
    const line = fc.record({ amount: cents, taxable: fc.boolean() })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), fc.integer({ min: 0, max: 10_000 }), (lines, bps) => {
        const t = documentTotals(lines, bps)
        expect(t.total).toBe(t.subtotal + t.tax)
        const taxable = lines.filter((l) => l.taxable).reduce((s, l) => s + BigInt(l.amount), 0n)
        expect(BigInt(t.tax)).toBe(refRound(taxable * BigInt(bps), 10_000n))
      }),
    )
  })

  it('refuses floats instead of silently summing them', () => {
    expect(() => sumCents([1, 0.1])).toThrow(RangeError)
  })

  it('parse∘format round-trips in every locale', () => {
    fc.assert(
      fc.property(cents, locales, fc.constantFrom('USD', 'CAD', 'EUR', 'GBP'), (c, locale, currency) => {
        const shown = formatMoney(c, { locale, currency })
        expect(parseMoney(shown, locale)).toEqual({ ok: true, value: c })
      }),
    )
  })

  it('formats in the user locale and currency', () => {
    expect(formatMoney(123450, { locale: 'en-US' })).toBe('$1,234.50')
    expect(formatMoney(-5, { locale: 'en-US' })).toBe('-$0.05')
    expect(formatMoney(123450, { locale: 'de-DE', currency: 'EUR' })).toBe('1.234,50\u00a0€')
  })

  // The same cases as the emulator's cents.test.ts: QuickBooks decimals in, integer cents out.
  it.each(cases.toCents)('reads $dollars dollars as $cents cents', ({ dollars, cents: expected }) => {
    expect(toCents(dollars)).toBe(expected)
    expect(toCents(toDollars(expected))).toBe(expected)
  })

  it.each(cases.lineAmount)('prices $qty × $unitPrice at $amountCents cents', ({ qty, unitPrice, amountCents }) => {
    expect(lineAmount(Math.round(qty * 1000), toCents(unitPrice))).toBe(amountCents)
  })

  it.each(cases.tax)('taxes $base at $ratePercent % as $taxCents cents', ({ base, ratePercent, taxCents }) => {
    expect(taxOn(toCents(base), Math.round(ratePercent * 100))).toBe(taxCents)
  })

  it('converts cents to dollars and back for every amount', () => {
    fc.assert(
      fc.property(cents, (c) => {
        expect(toCents(toDollars(c))).toBe(c)
      }),
    )
  })

  it('refuses what is not an amount', () => {
    expect(() => toCents(Number.NaN)).toThrow(RangeError)
    expect(() => toDollars(0.5)).toThrow(RangeError)
  })
})
