/**
 * The `large` seed for benchmarks: 10,000 customers, 500 items and 10,000 invoices generated
 * deterministically from a numeric seed (same seed → same company), through the same rules as
 * API writes so totals and DocNumbers are the server's own, with real books' collisions (`collide`).
 */
import type { CompanySnapshot, Json } from '../company/types.ts'
import { createSeedBuilder } from './builder.ts'
import { companyInfo, preferences, setUpCompany } from './company-setup.ts'
import { mulberry32 as prng } from '../chaos/prng.ts'

export const LARGE_REALM_ID = '9341453908029999'

const FIRST =
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Carlos Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Jacob Angela Gary Shirley Nicholas Anna Eric Brenda Jonathan Pamela Stephen Emma Larry Nicole Justin Helen Scott Samantha Brandon Katherine Luis Christine'.split(
    ' ',
  )
const LAST =
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster O'Connor".split(
    ' ',
  )
const PLACE =
  'Oak Ridge,Cedar,Riverside,Hillcrest,Lakeview,Maple,Sunset,Pinecrest,Valley,Summit,Northgate,Harbor,Meadow,Granite,Redwood,Willow,Eastside,Canyon,Bayshore,Foothill,Parkside,Mission,Golden State,Sierra,Delta,Capitol,Westfield,Brookside,Fairview,Highland'.split(
    ',',
  )
const KIND =
  'Apartments,Dental,Property Management,HOA,Bakery,Church,Storage,Veterinary Clinic,Senior Living,Auto Repair,Coffee Roasters,Fitness,Daycare,Motel,Restaurant,Winery,Salon,Pharmacy,Medical Group,Self Storage'.split(
    ',',
  )
const ENDING = ['', ' LLC', ' Inc', ' Co', ' Group']
const TRADES =
  'Service Call,Labor,Drain Cleaning,Leak Repair,Fixture Install,Valve Replacement,Pipe Repair,Water Heater Service,Inspection,Permit,Hose Bib,Faucet,Shutoff Valve,Trap,Supply Line,Flapper,Fill Valve,Cartridge,Gasket,Sealant'.split(
    ',',
  )

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j] as T, xs[i] as T]
  }
  return xs
}

/**
 * The collisions real books have, at fixed places so sizes and every other record stay as generated: every
 * 500th customer is the inactive "(deleted)" twin of the one before it (same name parts and email), and every
 * 250th shares the previous customer's email.
 */
function collide(i: number, body: Json, prev: Json | undefined): Json {
  if (!prev) return body
  if (i % 500 === 7) {
    const { DisplayName, PrimaryEmailAddr, GivenName, FamilyName, CompanyName } = prev
    return {
      ...body,
      DisplayName: `${String(DisplayName)} (deleted)`,
      ...(GivenName === undefined ? { CompanyName } : { GivenName, FamilyName }),
      ...(PrimaryEmailAddr === undefined ? {} : { PrimaryEmailAddr }),
      Active: false,
    }
  }
  if (i % 250 === 3 && prev.PrimaryEmailAddr !== undefined) return { ...body, PrimaryEmailAddr: prev.PrimaryEmailAddr }
  return body
}

export interface LargeSeedOptions {
  seed?: number
  customers?: number
  items?: number
  invoices?: number
}

export function buildLarge(opts: LargeSeedOptions = {}): CompanySnapshot {
  const rand = prng(opts.seed ?? 20260301)
  const nCustomers = opts.customers ?? 10_000
  const nItems = opts.items ?? 500
  const nInvoices = opts.invoices ?? 10_000
  const b = createSeedBuilder(
    LARGE_REALM_ID,
    companyInfo(
      'Bigtown Mechanical Services',
      {
        Line1: '500 Industrial Pkwy',
        City: 'Stockton',
        CountrySubDivisionCode: 'CA',
        PostalCode: '95206',
        Country: 'US',
      },
      'office@bigtownmech.example',
      '2024-01-02',
    ),
    preferences(),
    Date.parse('2026-01-05T16:00:00Z'),
    1_000,
  )
  const chart = setUpCompany(b)

  const people = shuffle(
    FIRST.flatMap((f) => LAST.map((l) => [f, l] as const)),
    rand,
  )
  const businesses = shuffle(
    PLACE.flatMap((p) => KIND.flatMap((k) => ENDING.map((e) => `${p} ${k}${e}`))),
    rand,
  )
  const customerIds: string[] = []
  let prev: Json | undefined
  for (let i = 0; i < nCustomers; i++) {
    const person = i % 5 !== 4 ? people[i - Math.floor(i / 5)] : undefined
    const body: Json = person
      ? { DisplayName: `${person[0]} ${person[1]}`, GivenName: person[0], FamilyName: person[1] }
      : { DisplayName: businesses[Math.floor(i / 5)] ?? `Customer ${i}`, CompanyName: businesses[Math.floor(i / 5)] }
    const slug = String(body.DisplayName)
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')
    if (rand() < 0.85)
      body.PrimaryEmailAddr = { Address: rand() < 0.1 ? `${slug.toUpperCase()}@EXAMPLE.COM` : `${slug}@example.com` }
    if (rand() < 0.7) body.PrimaryPhone = { FreeFormNumber: `(209) 555-${String(1000 + Math.floor(rand() * 9000))}` }
    body.BillAddr = {
      Line1: `${100 + Math.floor(rand() * 9800)} ${LAST[Math.floor(rand() * LAST.length)]} St`,
      City: 'Stockton',
      CountrySubDivisionCode: 'CA',
      PostalCode: `952${String(Math.floor(rand() * 20)).padStart(2, '0')}`,
    }
    if (rand() < 0.03) body.Active = false
    const stored = collide(i, body, prev)
    const id = b.create('Customer', stored)
    customerIds.push(id)
    // Every 500th, a name an old import left with a leading space (QuickBooks' API trims names today).
    if (i % 500 === 13) {
      const spaced = ` ${String(stored.DisplayName)}`
      b.verbatim('Customer', id, { DisplayName: spaced, FullyQualifiedName: spaced, PrintOnCheckName: spaced })
    }
    prev = stored
  }

  const itemIds: string[] = []
  const prices: number[] = []
  for (let i = 0; i < nItems; i++) {
    const service = i % 3 === 0
    const price = Math.round((service ? 60 + rand() * 400 : 1 + rand() * 150) * 100) / 100
    prices.push(price)
    itemIds.push(
      b.create('Item', {
        Name: `${TRADES[i % TRADES.length]} ${service ? 'Svc' : 'Part'} ${String(i + 1).padStart(3, '0')}`,
        Type: service ? 'Service' : 'NonInventory',
        UnitPrice: price,
        Taxable: !service,
        IncomeAccountRef: { value: service ? chart.services : chart.materials },
        ...(rand() < 0.04 ? { Active: false } : {}),
      }),
    )
  }
  const activeItems = itemIds.map((id, i) => [id, i] as const).filter(([id]) => b.peek('Item', id)?.Active !== false)
  const activeCustomers = customerIds.filter((id) => b.peek('Customer', id)?.Active !== false)

  for (let i = 0; i < nInvoices; i++) {
    const customer = activeCustomers[Math.floor(rand() * activeCustomers.length)]
    const nLines = 1 + Math.floor(rand() * 4)
    const taxed = rand() < 0.4
    const Line: Json[] = []
    for (let l = 0; l < nLines; l++) {
      const [itemId, idx] = activeItems[Math.floor(rand() * activeItems.length)] ?? ['1', 0]
      const Qty = 1 + Math.floor(rand() * 8)
      const UnitPrice = prices[idx] ?? 0
      Line.push({
        DetailType: 'SalesItemLineDetail',
        Amount: Math.round(Qty * UnitPrice * 100 + 1e-7) / 100,
        SalesItemLineDetail: {
          ItemRef: { value: itemId },
          Qty,
          UnitPrice,
          TaxCodeRef: { value: taxed && idx % 3 !== 0 ? 'TAX' : 'NON' },
        },
      })
    }
    const day = 1 + Math.floor(rand() * 360)
    b.create('Invoice', {
      CustomerRef: { value: customer },
      TxnDate: new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10),
      Line,
      ...(taxed ? { TxnTaxDetail: { TxnTaxCodeRef: { value: chart.taxCode } } } : {}),
    })
  }
  return b.snapshot()
}
