/** A postal address, shaped to fit QuickBooks' BillAddr / ShipAddr lines. */
import { z } from 'zod'
import { optionalText } from './common.ts'

export const Address = z.object({
  line1: optionalText(500),
  line2: optionalText(500),
  city: optionalText(255),
  region: optionalText(255),
  postalCode: optionalText(30),
  country: optionalText(255),
})
export type Address = z.infer<typeof Address>

/** One line of text for lists and invoice headers: "12 Elm St, Springfield, IL 62704". */
export function formatAddress(a: Address | undefined): string {
  if (!a) return ''
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  return [a.line1, a.line2, cityLine, a.country].filter(Boolean).join(', ')
}
