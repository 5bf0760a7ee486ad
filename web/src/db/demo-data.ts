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
import type { ContactInput, ItemInput, LineInput } from '../../../shared/domain/index.ts'
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
import { err, ok, type Result } from '../../../shared/result.ts'
import { addDays } from '../../../shared/date-only.ts'
import type { DomainError } from '../../../shared/domain/index.ts'

/** [given, family, company, email, phone, street, city, postal code, notes] */
type Row = [string, string, string, string, string, string, string, string, string?]

export const DEMO_CONTACTS: readonly Row[] = [
  ['Amy', 'Chen', '', 'amy.chen@example.com', '(916) 555-0101', '1000 Fulton Ave', 'Sacramento', '95825'],
  ['Priya', 'Patel', '', 'Priya.Patel@Example.com', '(916) 555-0112', '1407 Florin Rd', 'Rancho Cordova', '95670'],
  ['', '', "O'Brien & Sons Roofing", 'billing@obrienroofing.example', '(916) 555-0106', '1185 Folsom Blvd', 'Folsom', '95630'],
  ['Maria', 'Garcia', '', 'maria.garcia@example.com', '(916) 555-0108', '1222 Watt Ave', 'Roseville', '95661'],
  ['Mike', 'Johnson', '', 'MJOHNSON@example.com', '(916) 555-0120', '1740 Fulton Ave', 'Sacramento', '95825'],
  ['', '', 'Sunrise Bakery', 'orders@sunrisebakery.example', '(916) 555-0119', '1666 J St', 'Sacramento', '95814'],
  ['Lena', 'Ortiz', 'Sunrise Bakery (Midtown)', 'Orders@SunriseBakery.example', '(916) 555-0219', '2301 K St', 'Sacramento', '95816', 'Second location, same owner'],
  ['Kim', 'Lee', '', 'kim.lee@example.com', '(916) 555-0123', '1851 Folsom Blvd', 'Sacramento', '95819'],
  ['Carlos', 'Mendoza', '', '', '(916) 555-0115', '1518 Florin Rd', 'Elk Grove', '95758'],
  ['Beth', 'Anderson', '', 'beth@andersonhome.example', '(916) 555-0118', '1629 Fulton Ave', 'Fair Oaks', '95628'],
  ['Dale', 'Smith', 'Smith Plumbing', 'dale@smithplumbing.example', '(916) 555-0103', '1074 Folsom Blvd', 'Elk Grove', '95624'],
  ['Sean', "O'Brien", '', 'sean.obrien@example.com', '(916) 555-0105', '1148 Watt Ave', 'Folsom', '95630'],
  ['', '', 'Westlake HOA', 'Board@WestlakeHOA.example', '', '1370 J St', 'West Sacramento', '95691', 'Invoices go to the board treasurer'],
  ['Tom', 'Nguyen', '', '', '(916) 555-0110', '1333 Florin Rd', 'Davis', '95616'],
  ['', '', 'Riverside Dental Group', 'frontdesk@riversidedental.example', '(916) 555-0114', '1481 Watt Ave', 'Sacramento', '95864'],
  ['Grace', 'Whitman', '', 'grace.whitman@example.com', '(916) 555-0301', '412 Alder Ln', 'Sacramento', '95818'],
  ['Henry', 'Takahashi', '', 'h.takahashi@example.com', '(916) 555-0302', '88 Birch Ct', 'Davis', '95618', 'Prefers texts'],
  ['', '', 'Fair Oaks Animal Hospital', 'office@fairoaksvet.example', '(916) 555-0303', '7720 Sunset Ave', 'Fair Oaks', '95628'],
  ['Olivia', 'Brennan', '', 'olivia.brennan@example.com', '(916) 555-0304', '19 Poplar St', 'Roseville', '95678'],
  ['Marcus', 'Reed', 'Reed Rentals', 'marcus@reedrentals.example', '(916) 555-0305', '3010 Q St', 'Sacramento', '95816', 'Owns 6 rentals; tenants call direct'],
  ['Sofia', 'Rossi', '', 'sofia.rossi@example.com', '(916) 555-0306', '56 Vine St', 'Folsom', '95630'],
  ['Daniel', 'Okafor', '', 'dokafor@example.com', '(916) 555-0307', '903 Oak Park Blvd', 'Sacramento', '95817'],
  ['', '', 'Midtown Yoga Studio', 'hello@midtownyoga.example', '(916) 555-0308', '2012 L St', 'Sacramento', '95811'],
  ['Evelyn', 'Park', '', 'evelyn.park@example.com', '', '44 Magnolia Dr', 'Citrus Heights', '95610'],
  ['Rafael', 'Ibarra', '', 'rafa.ibarra@example.com', '(916) 555-0310', '1210 Elm St', 'Carmichael', '95608'],
  ['Nora', 'Fitzgerald', '', 'nora.fitz@example.com', '(916) 555-0311', '77 Harbor Blvd', 'West Sacramento', '95691'],
  ['', '', 'Capitol Mall Deli', 'manager@capmalldeli.example', '(916) 555-0312', '400 Capitol Mall', 'Sacramento', '95814', 'Grease trap: quarterly'],
  ['Wei', 'Zhang', '', 'wei.zhang@example.com', '(916) 555-0313', '6 Pine Cone Ct', 'Granite Bay', '95746'],
  ['Hannah', 'Schultz', '', 'hannah.schultz@example.com', '(916) 555-0314', '310 Cedar Way', 'Auburn', '95603'],
  ['Isaac', 'Moreno', '', '', '(916) 555-0315', '1502 Stockton Blvd', 'Sacramento', '95816'],
  ['', '', 'Elk Grove Little League', 'treasurer@eglittleleague.example', '', '9600 Bruceville Rd', 'Elk Grove', '95757'],
  ['Chloe', 'Dubois', '', 'chloe.dubois@example.com', '(916) 555-0317', '25 Laurel Ave', 'Lincoln', '95648'],
  ['Ahmed', 'Hassan', '', 'ahmed.hassan@example.com', '(916) 555-0318', '1890 Arden Way', 'Sacramento', '95815'],
  ['Julia', 'Novak', '', 'julia.novak@example.com', '(916) 555-0319', '15 Ridge Rd', 'Loomis', '95650', 'Well water, softener in garage'],
  ['Peter', 'Lindqvist', '', 'peter.l@example.com', '(916) 555-0320', '640 River Oaks Dr', 'Rio Vista', '94571'],
  ['', '', 'Arden Fair Laundromat', 'owner@ardenlaundry.example', '(916) 555-0321', '1689 Arden Way', 'Sacramento', '95815'],
  ['Ruth', 'Abernathy', '', 'ruth.abernathy@example.com', '(916) 555-0322', '2 Quail Hollow', 'Orangevale', '95662'],
  ['Samuel', 'Boateng', '', 'sam.boateng@example.com', '(916) 555-0323', '1177 Garden Hwy', 'Sacramento', '95833'],
  ['Tara', 'McKenzie', '', 'tara.mckenzie@example.com', '(916) 555-0324', '58 Willow Creek Rd', 'Folsom', '95630'],
  ['Victor', 'Alvarez', '', 'victor.alvarez@example.com', '(916) 555-0325', '301 El Camino Ave', 'Sacramento', '95815'],
]

/** [name, type, price in cents, description, taxable, sku] */
export const DEMO_ITEMS: readonly [string, 'service' | 'product', number, string, boolean, string?][] = [
  ['Service Call', 'service', 8900, 'Trip charge and first half hour on site', false],
  ['Labor - Standard', 'service', 11500, 'Technician labor, per hour', false],
  ['Drain Cleaning', 'service', 24500, 'Main line drain clearing with cable machine', false],
  ['Water Heater Install', 'service', 145000, '50 gal gas water heater installation, haul-away included', false],
  ['Permit Fee', 'service', 15000, 'City permit, passed through at cost', false],
  ['Leak detection', 'service', 32500, 'Electronic leak detection', false],
  ['Toilet Install', 'service', 27500, 'Remove old toilet, set new one with wax ring and supply line', false],
  ['Faucet Replacement', 'service', 18500, 'Kitchen or bath faucet, customer-supplied or ours', false],
  ['Backflow Test', 'service', 9500, 'Annual backflow preventer test and city filing', false],
  ['Gas Line Pressure Test', 'service', 21000, 'Pressure test for permit sign-off', false],
  ['Hose Bib 1/2 in', 'product', 2450, 'Frost-free hose bib', true, 'HB-050'],
  ['Shutoff Valve 1/2 in', 'product', 1175, 'Quarter-turn angle stop', true, 'SV-050'],
  ['Supply Line 3/8 in', 'product', 895, 'Braided stainless, 20 in', true, 'SL-038'],
  ['P-Trap 1-1/2 in', 'product', 1349, 'PVC P-trap kit', true, 'PT-150'],
  ['Sump Pump 1/3 HP', 'product', 21900, 'Submersible sump pump', true, 'SP-033'],
]

const dayOf = (n: number) => addDays('2026-01-05', n)
/** Invoice i's contact: spread over the list; 16 shares 15's so one payment can pay both. */
const contactOf = (i: number): number => (i === 16 ? contactOf(15) : (i * 7) % DEMO_CONTACTS.length)

export type DemoSummary = { contacts: number; items: number; invoices: number; payments: number; properties: number }

/** Fills an empty app with the demo records. Refuses if there are contacts already, so a reload with ?demo=1 is harmless. */
export async function loadDemoData(db: FieldsyncDB): Promise<Result<DemoSummary, DomainError>> {
  if ((await db.contacts.count()) > 0) return err({ kind: 'invalid_state', message: 'Demo data goes into an empty app, and this one already has contacts.' })
  const s = await updateSettings(db, { nextInvoiceNumber: 2001, defaultTaxRateBps: 775 })
  if (!s.ok) return s

  const contacts = await createContacts(db, DEMO_CONTACTS.map(toContact))
  if (!contacts.ok) return contacts
  const items = await createItems(db, DEMO_ITEMS.map(([name, type, unitPrice, description, taxable, sku]): ItemInput => ({ name, type, unitPrice, description, taxable, sku })))
  if (!items.ok) return items
  const cs = contacts.value
  const is = items.value

  let properties = 0
  for (const [i, c] of cs.entries()) {
    const [, , , , , line1, city, postalCode] = DEMO_CONTACTS[i] ?? []
    if (!(await createProperty(db, { contactId: c.id, label: 'Home', address: { line1, city, region: 'CA', postalCode } })).ok) continue
    properties++
    if (i % 5 === 4 && (await createProperty(db, { contactId: c.id, label: 'Rental', address: { line1: `${200 + i} Sierra Vista Ave`, city, region: 'CA', postalCode } })).ok) properties++
  }

  const line = (k: number, qty: number): LineInput => {
    const item = is[k % is.length]!
    return { itemId: item.id, name: item.name, description: item.description, qty, unitPrice: item.unitPrice, taxable: item.taxable }
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
  const plan: [number[], 'full' | 'half'][] = [[[8], 'full'], [[9], 'full'], [[10], 'full'], [[11], 'full'], [[12], 'full'], [[13], 'full'], [[14], 'half'], [[15, 16], 'full']]
  let payments = 0
  for (const [k, [which, how]] of plan.entries()) {
    const applications = which.map((n) => ({ invoiceId: inv[n]!.id, amount: how === 'full' ? inv[n]!.total : Math.floor(inv[n]!.total / 2) }))
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

  for (const [i, name] of ['Kitchen remodel rough-in', 'Water heater replacement', 'Grease trap service (quarterly)', 'Unit 3 bathroom'].entries()) {
    await createJob(db, { contactId: cs[[3, 1, 26, 19][i]!]!.id, name })
  }
  const quote = await createQuote(db, { contactId: cs[15]!.id, title: 'Tankless conversion' })
  if (quote.ok) {
    await addQuoteLineFromItem(db, quote.value.id, is[3]!.id)
    await addQuoteLineFromItem(db, quote.value.id, is[4]!.id)
  }

  return ok({ contacts: cs.length, items: is.length, invoices: inv.length, payments, properties })
}

function toContact([givenName, familyName, companyName, email, phone, line1, city, postalCode, notes]: Row): ContactInput {
  // Businesses go by their company name, as they do in QuickBooks.
  return { givenName, familyName, companyName, displayName: companyName || undefined, email, phone, notes, billingAddress: { line1, city, region: 'CA', postalCode, country: 'USA' } }
}

/** True when the page was opened with `?demo=1`, in the query or after the hash route (`#/contacts?demo=1`). */
export function demoRequested(href: string): boolean {
  const url = new URL(href)
  const inHash = new URLSearchParams(url.hash.split('?')[1] ?? '')
  return url.searchParams.get('demo') === '1' || inHash.get('demo') === '1'
}

/** For app start-up: loads the demo records when the URL asks and the app is empty. */
export async function loadDemoDataIfRequested(db: FieldsyncDB, href: string): Promise<Result<DemoSummary, DomainError> | undefined> {
  return demoRequested(href) ? loadDemoData(db) : undefined
}
