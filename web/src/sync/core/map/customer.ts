/**
 * Contact ⇄ QuickBooks Customer. Outgoing bodies follow Intuit's Customer rules (docs/quickbooks.md §3.1): DisplayName
 * ≤ 500 with no colon, tab or newline; name parts ≤ 100; an email only with `@` and `.`; phone ≤ 30; notes
 * ≤ 2000. Anything cut to fit is reported as a warning for the sync log; nothing is refused except a contact
 * with no usable name at all.
 * @module
 */
import { z } from 'zod'
import type { Contact } from '#shared/domain/index.ts'
import type { QboCustomer } from '#shared/qbo/index.ts'
import { fromQboAddress, toQboAddress } from './address.ts'
import { compact } from './compact.ts'
import { mapError, mapped, type Mapped, type MapWarning } from './map-result.ts'
import { cleanName, cut, LIMITS, qboEmail } from './text-rules.ts'

export type ContactFields = Pick<
  Contact,
  'displayName' | 'givenName' | 'familyName' | 'companyName' | 'email' | 'phone' | 'billingAddress' | 'notes' | 'active'
>

/** A Customer body to create or (through `sparseUpdate`) update: no Id or SyncToken. */
export type CustomerBody = Partial<QboCustomer>

function fitted(
  field: string,
  value: string | undefined,
  max: number,
  warnings: MapWarning[],
  isName = true,
): string | undefined {
  const trimmed = value?.trim()
  if (trimmed === undefined || trimmed === '') return undefined
  if (isName && /[:\t\r\n]/.test(trimmed)) {
    warnings.push({
      field,
      message: 'Colons, tabs and line breaks were replaced by spaces: QuickBooks does not allow them in names.',
    })
  }
  const tidy = isName
    ? trimmed
        .replace(/[:\t\r\n]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : trimmed
  if (tidy.length > max) warnings.push({ field, message: `Shortened to ${max} characters for QuickBooks.` })
  return isName ? cleanName(tidy, max) : cut(tidy, max)
}

/**
 * @example contactToCustomer({ displayName: 'Smith: Plumbing', active: true }).value
 *   // { DisplayName: 'Smith Plumbing', Active: true } with a warning about the colon
 */
export function contactToCustomer(c: ContactFields): Mapped<CustomerBody> {
  const warnings: MapWarning[] = []
  const displayName = fitted('DisplayName', c.displayName, LIMITS.displayName, warnings)
  if (displayName === undefined)
    return mapError('DisplayName', 'Give this contact a name before it can go to QuickBooks.')
  const email = qboEmail(c.email)
  if (c.email !== undefined && email === undefined) {
    warnings.push({
      field: 'PrimaryEmailAddr',
      message: 'The email was not sent: QuickBooks needs an address with "@" and "." of at most 100 characters.',
    })
  }
  let phone = c.phone?.trim()
  if (phone !== undefined && phone.length > LIMITS.phone) {
    warnings.push({
      field: 'PrimaryPhone',
      message: `The phone number was not sent: QuickBooks allows at most ${LIMITS.phone} characters.`,
    })
    phone = undefined
  }
  const body: CustomerBody = compact({
    DisplayName: displayName,
    GivenName: fitted('GivenName', c.givenName, LIMITS.namePart, warnings),
    FamilyName: fitted('FamilyName', c.familyName, LIMITS.namePart, warnings),
    CompanyName: fitted('CompanyName', c.companyName, LIMITS.companyName, warnings, false),
    PrimaryEmailAddr: email === undefined ? undefined : { Address: email },
    PrimaryPhone: phone === undefined || phone === '' ? undefined : { FreeFormNumber: phone },
    BillAddr: toQboAddress(c.billingAddress),
    Notes: fitted('Notes', c.notes, LIMITS.notes, warnings, false),
    Active: c.active,
  })
  return mapped(body, warnings)
}

const isEmail = (s: string) => z.email().safeParse(s).success

/**
 * A QuickBooks customer as a new local contact ("create here"), or the fields a pull brings in.
 * The display name falls back on the person's or company's name, as QuickBooks itself builds it.
 */
export function customerToContact(q: QboCustomer): Mapped<ContactFields> {
  const warnings: MapWarning[] = []
  const person = [q.GivenName, q.FamilyName].filter((s) => s !== undefined && s.trim() !== '').join(' ')
  const displayName = [q.DisplayName, person, q.CompanyName]
    .map((s) => s?.trim())
    .find((s) => s !== undefined && s !== '')
  if (displayName === undefined) return mapError('DisplayName', `QuickBooks customer ${q.Id} has no name.`)
  const rawEmail = q.PrimaryEmailAddr?.Address?.trim()
  const email =
    rawEmail !== undefined && rawEmail !== '' && isEmail(rawEmail) && rawEmail.length <= 100 ? rawEmail : undefined
  if (rawEmail !== undefined && rawEmail !== '' && email === undefined) {
    warnings.push({
      field: 'email',
      message: `The email "${rawEmail}" from QuickBooks is not a valid address and was left out.`,
    })
  }
  const phone = [q.PrimaryPhone, q.Mobile, q.AlternatePhone]
    .map((p) => p?.FreeFormNumber?.trim())
    .find((p) => p !== undefined && p !== '')
  const blank = (s: string | undefined, max: number) =>
    s === undefined || s.trim() === '' ? undefined : cut(s.trim(), max)
  return mapped(
    compact({
      displayName: cut(displayName, LIMITS.displayName),
      givenName: blank(q.GivenName, 100),
      familyName: blank(q.FamilyName, 100),
      companyName: blank(q.CompanyName, 100),
      email,
      phone: phone === undefined ? undefined : cut(phone, 30),
      billingAddress: fromQboAddress(q.BillAddr),
      notes: blank(q.Notes, 4000),
      active: q.Active ?? true,
    }),
    warnings,
  )
}
