/**
 * Money, quantities and dates in the user's locale and the company's currency,
 * from the settings row (live, so a change in Settings repaints every page).
 */
import { createContext, useContext, type Accessor } from 'solid-js'
import { formatMoney, formatQty } from '#shared/money.ts'
import type { Settings } from '#shared/domain/index.ts'

export interface Formats {
  locale: string | undefined
  currency: string
  money: (cents: number) => string
  qty: (thousandths: number) => string
  /** A calendar day ("2025-03-31") as the locale writes it. */
  date: (day: string) => string
}

export function makeFormats(s: Pick<Settings, 'locale' | 'currency'>): Formats {
  const locale = s.locale
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  return {
    locale,
    currency: s.currency,
    money: (cents) => formatMoney(cents, { locale, currency: s.currency }),
    qty: (q) => formatQty(q, locale),
    date: (day) => {
      const d = new Date(`${day}T00:00:00Z`)
      return Number.isNaN(d.getTime()) ? day : dates.format(d)
    },
  }
}

export const FormatContext = createContext<Accessor<Formats>>(() => makeFormats({ locale: undefined, currency: 'USD' }))

export function useFormats(): Accessor<Formats> {
  return useContext(FormatContext)
}

/** Cents → what a user would type back into an amount field: "1234.50" (no grouping, the locale's decimal mark). */
export function centsToInput(cents: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(cents / 100)
}

const methodLabels: Record<string, string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card',
  bank_transfer: 'Bank transfer',
  other: 'Other',
}

/** A payment method in words. */
export function methodLabel(m: string): string {
  return methodLabels[m] ?? m
}
