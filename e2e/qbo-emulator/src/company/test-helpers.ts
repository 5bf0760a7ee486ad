/**
 * Shared setup for the company tests: a fresh emulator company per test, driven over real HTTP on a loopback
 * port of its own (started on the first call), so bodies, statuses and headers cross the wire as a client sees
 * them. Bearer auth, limits and chaos are the platform's, tested with the whole server.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { createManualClock } from '../clock.ts'
import type { ControllableClock } from '../clock.ts'
import { createCompanies } from './index.ts'
import type { ChangeEvent, Companies } from './index.ts'
import type { Json } from './types.ts'
import { SMALL_REALM_ID } from '../seeds/small.ts'

export const REALM = SMALL_REALM_ID
/** Two weeks after the small seed was entered, so its changes are inside CDC's window. */
export const TEST_START = Date.parse('2026-03-01T18:00:00Z')

export interface Reply {
  status: number
  body: Json
}

export interface TestCompany {
  clock: ControllableClock
  companies: Companies
  events: ChangeEvent[]
  get(path: string): Promise<Reply>
  post(path: string, body: unknown, contentType?: string): Promise<Reply>
  /** First error code of a Fault body, or undefined. */
}

export function faultCode(r: Reply): string | undefined {
  const fault = r.body.Fault as { Error?: { code?: string }[] } | undefined
  return fault?.Error?.[0]?.code
}

export function testCompany(seed: 'small' | 'none' = 'small'): TestCompany {
  const clock = createManualClock(TEST_START)
  const companies = createCompanies({ clock, seed })
  const events: ChangeEvent[] = []
  companies.onChange((e) => events.push(e))
  const app = new Hono().route('/v3/company/:realmId', companies.accountingRoutes())
  let origin: Promise<string> | undefined
  const listen = () =>
    (origin ??= new Promise<string>((resolve, reject) => {
      const server: Server = createServer(getRequestListener(app.fetch))
      server.on('error', reject)
      server.listen(0, '127.0.0.1', () => {
        // Never keeps the test process alive; each test's company is garbage once the test ends.
        server.unref()
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
      })
    }))
  const call = async (path: string, init?: RequestInit): Promise<Reply> => {
    const at = await listen()
    // Paths written as absolute URLs (another company's) keep their path and query, on this server.
    const target = path.startsWith('http')
      ? `${at}${new URL(path).pathname}${new URL(path).search}`
      : `${at}/v3/company/${REALM}${path}`
    const res = await fetch(target, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), connection: 'close' },
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  return {
    clock,
    companies,
    events,
    get: (path) => call(path),
    post: (path, body, contentType = 'application/json') =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  }
}

/** The entity member of a success body (`{"Customer": {…}}` → the customer). */
export function entityOf(r: Reply, entity: string): Json {
  const v = r.body[entity]
  if (typeof v !== 'object' || v === null)
    throw new Error(`expected ${entity} in ${JSON.stringify(r.body).slice(0, 300)}`)
  return v as Json
}

/** An invoice line for `item`, as the app sends it; `tax` is the line's tax code (`TAX` or `NON`). */
export const salesLine = (item: string, Qty: number, UnitPrice: number, Amount: number, tax = 'NON') => ({
  DetailType: 'SalesItemLineDetail',
  Amount,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty, UnitPrice, TaxCodeRef: { value: tax } },
})
