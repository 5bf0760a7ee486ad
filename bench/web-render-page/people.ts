/**
 * Customers as a field-service company has them, for the contact search benchmark: common first and last names
 * (accents included), some companies, emails and formatted phone numbers. Deterministic, so the benchmark can
 * work out in Node what a search must show.
 */

const GIVEN = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Christopher',
  'Karen',
  'José',
  'María',
  'Zoë',
  'Renée',
  'André',
  'Chloé',
  'Luis',
  'Ana',
  'Carlos',
  'Sofía',
  'Minh',
  'Thi',
  'Wei',
  'Mei',
  'Raj',
  'Priya',
  'Kevin',
  'Amy',
  'Brian',
  'Nicole',
  'Jason',
  'Emily',
]
const FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'García',
  'Miller',
  'Davis',
  'Rodríguez',
  'Martínez',
  'Hernández',
  'López',
  'González',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Pérez',
  'Thompson',
  'White',
  'Harris',
  'Sánchez',
  'Clark',
  'Ramírez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Smithers',
  'Núñez',
  'Kim',
  'Patel',
  "O'Brien",
  'Müller',
]
const TRADE = ['Plumbing', 'Bakery', 'Property Management', 'Dental', 'Apartments', 'Realty', 'Auto Repair', 'Cafe']
const AREA = ['916', '530', '209', '707', '415']
const DOMAIN = ['gmail.com', 'yahoo.com', 'outlook.com', 'comcast.net']

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

/** A customer as the benchmark types it into the New contact form. */
export type Person = {
  givenName?: string
  familyName?: string
  companyName?: string
  email: string
  phone: string
  billingAddress: { line1: string; city: string; region: string; postalCode: string }
}

/** The i-th of n customers: one in six a company of its own, one in five a person at a company. */
export function people(n: number): Person[] {
  const rnd = prng(20261207)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  return Array.from({ length: n }, (_, i) => {
    const givenName = pick(GIVEN)
    const familyName = pick(FAMILY)
    const phone = `(${pick(AREA)}) ${String(200 + Math.floor(rnd() * 800))}-${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`
    const billingAddress = { line1: `${100 + i} Main St`, city: 'Sacramento', region: 'CA', postalCode: '95814' }
    const kind = rnd()
    if (kind < 1 / 6) {
      const companyName = `${familyName} ${pick(TRADE)}`
      return { companyName, email: `office${i}@${ascii(companyName)}.com`, phone, billingAddress }
    }
    // Picked before the email, in this order, so the customers stay the same run to run.
    const companyName = kind < 1 / 6 + 1 / 5 ? `${pick(FAMILY)} ${pick(TRADE)}` : undefined
    const email = `${ascii(givenName)}.${ascii(familyName)}${i}@${pick(DOMAIN)}`
    return companyName
      ? { givenName, familyName, companyName, email, phone, billingAddress }
      : { givenName, familyName, email, phone, billingAddress }
  })
}
