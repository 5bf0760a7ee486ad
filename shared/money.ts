/**
 * Money as integer cents. Floats never hold an amount: every product and ratio
 * is done in BigInt and rounded half away from zero, the rule QuickBooks and
 * most tax authorities use for line amounts and tax.
 *
 * @example
 * parseMoney('1,234.5')          // { ok: true, value: 123450 }
 * lineAmount(1500, 8000)         // 1.5 × $80.00 = 12000
 * formatMoney(123450, { locale: 'en-US', currency: 'USD' }) // "$1,234.50"
 */
import { type ValidationError, validationError } from './domain/errors.ts'
import { err, ok, type Result } from './result.ts'

/** a / b rounded half away from zero; b > 0. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b
  const r = a % b
  if (r === 0n) return q
  const twice = (r < 0n ? -r : r) * 2n
  if (twice >= b) return a < 0n ? q - 1n : q + 1n
  return q
}

function toSafe(n: bigint): number {
  const v = Number(n)
  if (!Number.isSafeInteger(v)) throw new RangeError(`amount out of range: ${n}`)
  return v
}

/** Line amount in cents: qty (thousandths) × unit price (cents), rounded half away from zero. */
export function lineAmount(qtyThousandths: number, unitPriceCents: number): number {
  return toSafe(divRound(BigInt(qtyThousandths) * BigInt(unitPriceCents), 1000n))
}

/** Tax in cents on a taxable base, at a rate in basis points (825 = 8.25 %), rounded once per invoice. */
export function taxOn(baseCents: number, rateBps: number): number {
  return toSafe(divRound(BigInt(baseCents) * BigInt(rateBps), 10_000n))
}

/** Sum of cents, refusing anything that is not a safe integer so a float can never slip in. */
export function sumCents(amounts: Iterable<number>): number {
  let total = 0n
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an amount in cents: ${a}`)
    total += BigInt(a)
  }
  return toSafe(total)
}

/**
 * QuickBooks' JSON carries decimal dollars; only a body about to be sent or just read holds them.
 * 12345 → 123.45, exact: every safe integer / 100 prints back with at most two decimals.
 */
export function toDollars(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an amount in cents: ${cents}`)
  return cents / 100
}

/**
 * Decimal dollars → cents, rounded half away from zero like every other amount here. The product
 * is first cut to four decimals, so binary noise (1.005 × 100 = 100.4999…) counts as the decimal
 * the number was written as.
 */
export function toCents(dollars: number): number {
  if (!Number.isFinite(dollars)) throw new RangeError(`not an amount: ${dollars}`)
  const scaled = Math.round(Number((Math.abs(dollars) * 100).toFixed(4)))
  return toSafe(BigInt(dollars < 0 && scaled !== 0 ? -scaled : scaled))
}

export type Totals = { subtotal: number; tax: number; total: number }

/** Subtotal, tax (once, on the taxable lines' sum) and total of a document's lines. */
export function documentTotals(lines: readonly { amount: number; taxable: boolean }[], taxRateBps: number): Totals {
  const subtotal = sumCents(lines.map((l) => l.amount))
  const tax = taxOn(sumCents(lines.filter((l) => l.taxable).map((l) => l.amount)), taxRateBps)
  return { subtotal, tax, total: subtotal + tax }
}

export type MoneyFormat = { locale?: string | undefined; currency?: string | undefined }

const formatters = new Map<string, Intl.NumberFormat>()
function formatter(locale: string | undefined, currency: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    })
    formatters.set(key, f)
  }
  return f
}

/** "$1,234.50" in en-US, "1.234,50 $" in de-DE. Cents are split exactly before Intl sees them. */
export function formatMoney(cents: number, opts: MoneyFormat = {}): string {
  // Dividing by 100 is exact for display: every safe integer / 100 prints back with two decimals.
  return formatter(opts.locale, opts.currency ?? 'USD').format(cents / 100)
}

function separators(locale: string | undefined): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6)
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  }
}

const amountHint = 'Enter an amount like 1,234.50'

/**
 * Parses what a user typed into cents: "1,234.5", "$ 12", "-3.20", "(3.20)", and in
 * the locale's own separators ("1.234,5" in de-DE). More than two decimals is refused
 * rather than rounded, so nobody is charged a different amount than they typed.
 */
export function parseMoney(input: string, locale?: string): Result<number, ValidationError> {
  const { group, decimal } = separators(locale)
  let s = input.trim().replace(/[\s\u00a0\u202f]/g, '')
  let negative = false
  if (/^\(.*\)$/.test(s)) {
    negative = true
    s = s.slice(1, -1)
  }
  s = s.replace(/[^\d.,'\-−]/g, '') // currency symbols and codes
  if (/^[-−]/.test(s)) {
    negative = !negative
    s = s.slice(1)
  }
  const groupChars = group.trim() === '' || group === '\u00a0' || group === '\u202f' ? [] : [group]
  if (group === '.' || group === ',') groupChars.push(group)
  if (group === "'" || group === '’') groupChars.push("'", '’')
  for (const g of groupChars) s = s.split(g).join('')
  if (decimal !== '.') s = s.replace(decimal, '.')
  const m = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/.exec(s)
  if (!m) return err(validationError({ amount: amountHint }))
  const whole = m[1] ?? '0'
  const frac = m[2] ?? m[3] ?? ''
  if (frac.length > 2) return err(validationError({ amount: 'Use at most two decimals (cents)' }))
  const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2))
  if (cents > 10n ** 13n) return err(validationError({ amount: 'Enter an amount under 100 billion' }))
  const value = Number(cents)
  return ok(negative && value !== 0 ? -value : value)
}

/** Parses a typed quantity ("1.5", "2,25" in de-DE) into thousandths. */
export function parseQty(input: string, locale?: string): Result<number, ValidationError> {
  const { group, decimal } = separators(locale)
  let s = input.trim().replace(/[\s\u00a0\u202f]/g, '')
  if (group === ',' || group === '.') s = s.split(group).join('')
  if (decimal !== '.') s = s.replace(decimal, '.')
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return err(validationError({ qty: 'Enter a quantity like 1.5' }))
  const frac = m[3] ?? ''
  if (frac.length > 3) return err(validationError({ qty: 'Use at most three decimals' }))
  const value = Number(BigInt(m[2] || '0') * 1000n + BigInt((frac + '000').slice(0, 3)))
  return ok(m[1] ? -value : value)
}

/** Thousandths back to what a user reads: 1500 → "1.5". */
export function formatQty(qtyThousandths: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(qtyThousandths / 1000)
}
