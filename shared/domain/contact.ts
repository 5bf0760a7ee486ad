/**
 * A contractor's customer. Matches QuickBooks Customers by normalised email,
 * then display name (see `emailKey` / `nameKey`).
 */
import { z } from 'zod'
import { Address } from './address.ts'
import { OptionalEmail, optionalText, syncableShape } from './common.ts'

const contactFields = {
  givenName: optionalText(100),
  familyName: optionalText(100),
  /** QuickBooks' DisplayName: unique there, 500 characters at most. */
  displayName: optionalText(500, 'Keep the display name under 500 characters'),
  companyName: optionalText(100),
  email: OptionalEmail,
  phone: optionalText(30, 'Enter a phone number of at most 30 characters'),
  billingAddress: Address.optional(),
  notes: optionalText(4000),
  active: z.boolean().default(true),
}

/** What a contact form submits. The display name may be left blank: it is derived from the names or company. */
export const ContactInput = z.object(contactFields)
export type ContactInput = z.input<typeof ContactInput>

export const Contact = z.object({
  ...syncableShape,
  ...contactFields,
  displayName: z.string().trim().min(1, 'Enter a name or a company').max(500),
})
export type Contact = z.infer<typeof Contact>

/** The display name to use when the user left it blank: "Ann Lee", else the company. */
export function deriveDisplayName(c: {
  givenName?: string | undefined
  familyName?: string | undefined
  companyName?: string | undefined
}): string {
  const person = [c.givenName, c.familyName].filter(Boolean).join(' ').trim()
  return person || (c.companyName ?? '').trim()
}

/** Comparison form of an email: trimmed and lower-cased, as QuickBooks treats addresses case-insensitively. */
export function emailKey(email: string | undefined): string {
  return (email ?? '').trim().toLowerCase()
}

/** Comparison form of a display name: case-folded, accents and punctuation dropped, spaces collapsed. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
