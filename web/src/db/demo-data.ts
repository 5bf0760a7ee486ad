/**
 * Demo data: a small plumbing contractor's records, the same every time, written
 * through the repositories (so they are queued for sync like real work).
 *
 * Chosen against the emulator's `small` company (Ridgeline Plumbing & Heating) so the
 * first sync has real matching to do:
 * - same email: Amy Chen, Sean O'Brien, Riverside Dental Group, Smith Plumbing;
 * - email differing only in case: Priya Patel, O'Brien & Sons Roofing, Westlake HOA;
 * - name only (no email there, or a different one here): Kim Lee, Carlos Mendoza,
 *   Tom Nguyen (inactive there), Beth Anderson;
 * - ambiguous: local Maria Garcia's and Mike Johnson's emails each match two
 *   QuickBooks customers; two local Sunrise Bakery contacts match one customer;
 * - items by exact name (Service Call, Labor - Standard, …), one differing in case
 *   ("Leak detection"), the rest new.
 * Invoice numbers start at 2001 so they never collide with QuickBooks' 1001….
 */
import type { ContactInput, ItemInput, LineInput } from '#shared/domain/index.ts'
import { createContacts } from './contacts.ts'
import { createInvoices } from './invoices.ts'
import type { InvoiceImport } from './invoices.ts'
import { createItems } from './items.ts'
import { createJob } from './jobs.ts'
import { recordPayment } from './payments.ts'
import { createProperty } from './properties.ts'
import { createQuote, addQuoteLineFromItem } from './quotes.ts'
import type { FieldsyncDB } from './schema.ts'
import { updateSettings } from './settings.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { addDays } from '#shared/date-only.ts'
import type { DomainError } from '#shared/domain/index.ts'
import { DEMO_CONTACTS, DEMO_ITEMS, type DemoContactRow } from './demo-records.ts'

export { DEMO_CONTACTS, DEMO_ITEMS }

const dayOf = (n: number) => addDays('2026-01-05', n)
/** Invoice i's contact: spread over the list; 16 shares 15's so one payment can pay both. */
const contactOf = (i: number): number => (i === 16 ? contactOf(15) : (i * 7) % DEMO_CONTACTS.length)

export type DemoSummary = { contacts: number; items: number; invoices: number; payments: number; properties: number }

/**
 * Fills an empty app with the demo records. Refuses if there are contacts already, so a reload with
 * ?demo=1 is harmless.
 */
export async function loadDemoData(db: FieldsyncDB): Promise<Result<DemoSummary, DomainError>> {
  if ((await db.contacts.count()) > 0)
    return err({
      kind: 'invalid_state',
      message: 'Demo data goes into an empty app, and this one already has contacts.',
    })
  const s = await updateSettings(db, { nextInvoiceNumber: 2001, defaultTaxRateBps: 775 })
  if (!s.ok) return s

  const contacts = await createContacts(db, DEMO_CONTACTS.map(toContact))
  if (!contacts.ok) return contacts
  const items = await createItems(
    db,
    DEMO_ITEMS.map(([name, type, unitPrice, description, taxable, sku]): ItemInput => ({
      name,
      type,
      unitPrice,
      description,
      taxable,
      sku,
    })),
  )
  if (!items.ok) return items
  const cs = contacts.value
  const is = items.value

  let properties = 0
  for (const [i, c] of cs.entries()) {
    const [, , , , , line1, city, postalCode] = DEMO_CONTACTS[i] ?? []
    if (
      !(
        await createProperty(db, { contactId: c.id, label: 'Home', address: { line1, city, region: 'CA', postalCode } })
      ).ok
    )
      continue
    properties++
    if (
      i % 5 === 4 &&
      (
        await createProperty(db, {
          contactId: c.id,
          label: 'Rental',
          address: { line1: `${200 + i} Sierra Vista Ave`, city, region: 'CA', postalCode },
        })
      ).ok
    )
      properties++
  }

  const line = (k: number, qty: number): LineInput => {
    const item = is[k % is.length]!
    return {
      itemId: item.id,
      name: item.name,
      description: item.description,
      qty,
      unitPrice: item.unitPrice,
      taxable: item.taxable,
    }
  }
  const drafts: InvoiceImport[] = Array.from({ length: 25 }, (_, i) => ({
    contactId: cs[contactOf(i)]!.id,
    issueDate: dayOf(i * 2),
    dueDate: dayOf(i * 2 + 30),
    taxRateBps: i % 2 ? 775 : 0,
    lines: [line(i, 1000 + ((i * 500) % 3000)), line(i * 4 + 3, 1000), ...(i % 3 === 0 ? [line(1, 1500)] : [])],
    // 0–7 stay drafts; 8–24 are finalized, and 8–16 get paid below.
    finalize: i >= 8,
  }))
  const invoices = await createInvoices(db, drafts)
  if (!invoices.ok) return invoices
  const inv = invoices.value

  const methods = ['check', 'card', 'cash', 'bank_transfer'] as const
  const plan: [number[], 'full' | 'half'][] = [
    [[8], 'full'],
    [[9], 'full'],
    [[10], 'full'],
    [[11], 'full'],
    [[12], 'full'],
    [[13], 'full'],
    [[14], 'half'],
    [[15, 16], 'full'],
  ]
  let payments = 0
  for (const [k, [which, how]] of plan.entries()) {
    const applications = which.map((n) => ({
      invoiceId: inv[n]!.id,
      amount: how === 'full' ? inv[n]!.total : Math.floor(inv[n]!.total / 2),
    }))
    const amount = applications.reduce((t, a) => t + a.amount, 0)
    const r = await recordPayment(db, {
      contactId: inv[which[0]!]!.contactId,
      date: dayOf(which[0]! * 2 + 10),
      amount,
      method: methods[k % methods.length],
      reference: k % 2 === 0 ? String(4100 + k) : undefined,
      applications,
    })
    if (!r.ok) return r
    payments++
  }

  for (const [i, name] of [
    'Kitchen remodel rough-in',
    'Water heater replacement',
    'Grease trap service (quarterly)',
    'Unit 3 bathroom',
  ].entries()) {
    await createJob(db, { contactId: cs[[3, 1, 26, 19][i]!]!.id, name })
  }
  const quote = await createQuote(db, { contactId: cs[15]!.id, title: 'Tankless conversion' })
  if (quote.ok) {
    await addQuoteLineFromItem(db, quote.value.id, is[3]!.id)
    await addQuoteLineFromItem(db, quote.value.id, is[4]!.id)
  }

  return ok({ contacts: cs.length, items: is.length, invoices: inv.length, payments, properties })
}

function toContact([
  givenName,
  familyName,
  companyName,
  email,
  phone,
  line1,
  city,
  postalCode,
  notes,
]: DemoContactRow): ContactInput {
  // Businesses go by their company name, as they do in QuickBooks.
  return {
    givenName,
    familyName,
    companyName,
    displayName: companyName || undefined,
    email,
    phone,
    notes,
    billingAddress: { line1, city, region: 'CA', postalCode, country: 'USA' },
  }
}

/** True when the page was opened with `?demo=1`, in the query or after the hash route (`#/contacts?demo=1`). */
export function demoRequested(href: string): boolean {
  const url = new URL(href)
  const inHash = new URLSearchParams(url.hash.split('?')[1] ?? '')
  return url.searchParams.get('demo') === '1' || inHash.get('demo') === '1'
}

/** For app start-up: loads the demo records when the URL asks and the app is empty. */
export async function loadDemoDataIfRequested(
  db: FieldsyncDB,
  href: string,
): Promise<Result<DemoSummary, DomainError> | undefined> {
  return demoRequested(href) ? loadDemoData(db) : undefined
}
