/**
 * A stand-in for the company module, for the platform's own tests only: two companies, a customer
 * endpoint that records writes and reports changes, a batch and a query endpoint, and an optional gate
 * that holds requests open (to test concurrency without timing).
 */
import { Hono } from 'hono'
import type { CompaniesPort, CompanyChange } from '../src/companies-port.ts'
import { ApiBehaviourSchema, type ApiBehaviour } from '../src/config.ts'

export const realmA = '9130350000000001'
export const realmB = '9130350000000002'

export interface StubCompanies extends CompaniesPort {
  writes: { realmId: string; body: unknown }[]
  /** While set, every API request waits for it. */
  gate: Promise<void> | null
  /** Number of requests currently waiting at the gate. */
  waiting: number
  /** How many times the admin API asked for a reset. */
  resets: number
  /** Resolves when `n` requests are waiting at the gate. */
  waitingReached(n: number): Promise<void>
}

export function stubCompanies(opts: { companies?: { realmId: string; companyName: string }[] } = {}): StubCompanies {
  const companies = opts.companies ?? [
    { realmId: realmA, companyName: 'Rivera Plumbing & Heating' },
    { realmId: realmB, companyName: 'Northside Electric' },
  ]
  const listeners: ((e: CompanyChange) => void)[] = []
  let nextId = 100
  const waiters: { n: number; resolve: () => void }[] = []
  const emit = (e: CompanyChange) => listeners.forEach((l) => l(e))
  let behaviour: ApiBehaviour = ApiBehaviourSchema.parse({})
  const stub: StubCompanies = {
    writes: [],
    gate: null,
    waiting: 0,
    resets: 0,
    waitingReached: (n) =>
      stub.waiting >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    list: () => companies,
    get: (realmId) => companies.find((c) => c.realmId === realmId),
    snapshot: (realmId) => ({ realmId, writes: stub.writes.filter((w) => w.realmId === realmId).length }),
    seed: (realmId, data) => ({ realmId, seeded: Object.keys(data as object) }),
    bookkeeperEdit(realmId, entity, id, patch) {
      emit({ realmId, entity, id, operation: 'Update', lastUpdated: '2025-03-01T09:00:00-08:00' })
      return { ok: true, value: { Id: id, ...patch } }
    },
    bookkeeperDelete(realmId, entity, id) {
      emit({ realmId, entity, id, operation: 'Delete', lastUpdated: '2025-03-01T09:00:00-08:00' })
      return { ok: true, value: { Id: id, status: 'Deleted' } }
    },
    bookkeeperCreate: (_realmId, _entity, body) => ({ ok: true, value: { Id: String(nextId++), ...body } }),
    bookkeeperVoid: (_realmId, _entity, id) => ({ ok: true, value: { Id: id, TotalAmt: 0 } }),
    bookkeeperDeposit: (_realmId, paymentIds) => ({ ok: true, value: paymentIds }),
    bookkeeperMerge(realmId, entity, fromId, intoId) {
      emit({
        realmId,
        entity,
        id: intoId,
        operation: 'Merge',
        deletedId: fromId,
        lastUpdated: '2025-03-01T09:00:00-08:00',
      })
      return { ok: true, value: { Id: intoId } }
    },
    setNumbering: (realmId, change) =>
      companies.some((c) => c.realmId === realmId)
        ? { SalesFormsPrefs: { CustomTxnNumbers: change.customTxnNumbers } }
        : undefined,
    onChange: (l) => listeners.push(l),
    reset: () => {
      stub.resets++
    },
    behaviour: () => behaviour,
    setBehaviour: (next) => {
      behaviour = next
    },
    forgetRequestIds: (realmId) => (companies.some((c) => c.realmId === realmId) ? 0 : undefined),
    setSubscriptionStatus: (realmId, status) =>
      companies.some((c) => c.realmId === realmId)
        ? { Id: '1', NameValue: [{ Name: 'SubscriptionStatus', Value: status }] }
        : undefined,
    accountingRoutes() {
      const app = new Hono()
      app.use('*', async (_c, next) => {
        if (stub.gate !== null) {
          stub.waiting++
          for (const w of waiters.filter((w) => stub.waiting >= w.n)) {
            waiters.splice(waiters.indexOf(w), 1)
            w.resolve()
          }
          await stub.gate
          stub.waiting--
        }
        await next()
      })
      app.get('/customer/:id', (c) =>
        c.json({ Customer: { Id: c.req.param('id'), SyncToken: '0' }, time: '2025-03-01T09:00:00.000-08:00' }),
      )
      app.post('/customer', async (c) => {
        const realmId = c.req.param('realmId') ?? ''
        const body = await c.req.json()
        stub.writes.push({ realmId, body })
        const id = String(nextId++)
        emit({ realmId, entity: 'Customer', id, operation: 'Create', lastUpdated: '2025-03-01T09:00:00-08:00' })
        return c.json({ Customer: { ...body, Id: id, SyncToken: '0' }, time: '2025-03-01T09:00:00.000-08:00' })
      })
      app.post('/batch', (c) => c.json({ BatchItemResponse: [], time: '2025-03-01T09:00:00.000-08:00' }))
      app.get('/query', (c) => c.json({ QueryResponse: {}, time: '2025-03-01T09:00:00.000-08:00' }))
      return app
    },
  }
  return stub
}
