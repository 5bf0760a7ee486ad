/** The app's Address ⇄ QuickBooks' PhysicalAddress (Line1–Line5, City, CountrySubDivisionCode, PostalCode, Country). */
import type { Address } from '#shared/domain/index.ts'
import type { QboPhysicalAddress } from '#shared/qbo/index.ts'
import { compact, nonEmpty } from './compact.ts'
import { cut, LIMITS } from './text-rules.ts'

const fit = (s: string | undefined, max: number) =>
  s === undefined || s.trim() === '' ? undefined : cut(s.trim(), max)

export function toQboAddress(a: Address | undefined): QboPhysicalAddress | undefined {
  if (!a) return undefined
  return nonEmpty(
    compact({
      Line1: fit(a.line1, LIMITS.addressLine),
      Line2: fit(a.line2, LIMITS.addressLine),
      City: fit(a.city, LIMITS.city),
      CountrySubDivisionCode: fit(a.region, LIMITS.region),
      PostalCode: fit(a.postalCode, LIMITS.postalCode),
      Country: fit(a.country, LIMITS.country),
    }),
  )
}

/** Lines 3–5 (rarely used) are folded into line 2 so nothing typed in QuickBooks is lost. Id/Lat/Long are QuickBooks' own. */
export function fromQboAddress(a: QboPhysicalAddress | undefined): Address | undefined {
  if (!a) return undefined
  const extra = [a.Line2, a.Line3, a.Line4, a.Line5].filter((l): l is string => l !== undefined && l.trim() !== '')
  return nonEmpty(
    compact({
      line1: fit(a.Line1, LIMITS.addressLine),
      line2: extra.length > 0 ? cut(extra.join(', '), LIMITS.addressLine) : undefined,
      city: fit(a.City, LIMITS.city),
      region: fit(a.CountrySubDivisionCode, LIMITS.region),
      postalCode: fit(a.PostalCode, LIMITS.postalCode),
      country: fit(a.Country, LIMITS.country),
    }),
  ) as Address | undefined
}
