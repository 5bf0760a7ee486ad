/**
 * The runner tests' world: a fresh Dexie database, the in-process fake QuickBooks, a clock whose sleeps pass at
 * once and seeded randomness, so each test reaches one interleaving without real time or network.
 * @module
 */
import { createContact, createInvoices, createItem, recordPayment } from '../../db/index.ts'
import { testClock, testDb, unwrap } from '../../db/test-db.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import type { Random } from '../ports.ts'
import { fakeClock } from './fake-clock.ts'
import type { RunnerDeps } from '../runner/index.ts'
import { FakeQbo } from './fake-qbo.ts'
import { push } from '../push.ts'

export function seededRandom(seed = 1): Random {
  let s = seed
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  let n = 0
  return { next, uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` }
}

export async function world() {
  const dbClock = testClock()
  const db = testDb(dbClock)
  const qbo = new FakeQbo()
  const clock = fakeClock()
  const random = seededRandom()
  const deps = (over: Partial<RunnerDeps> = {}): RunnerDeps => ({
    store: new DexieStore(db),
    gateway: qbo,
    clock,
    random,
    realmId: '9130',
    accounts: { income: '1', deposit: '4' },
    ...over,
  })
  return { db, qbo, clock, deps }
}

/** A contact, an item and a finalized invoice of two hours for them. */
export async function invoiceFor(db: FieldsyncDB, name: string, email?: string) {
  const c = unwrap(await createContact(db, { givenName: name, familyName: 'Lee', ...(email ? { email } : {}) }))
  const item = unwrap(await createItem(db, { name: `${name} service`, unitPrice: 12_500 }))
  const [inv] = unwrap(
    await createInvoices(db, [
      { contactId: c.id, lines: [{ itemId: item.id, name: 'Labour', qty: 2000, unitPrice: 12_500 }], finalize: true },
    ]),
  )
  return { contact: c, item, invoice: inv! }
}

/**
 * A payment whose create reached QuickBooks unanswered, claimed before creates carried the app's key (its stored
 * request is dropped), with QuickBooks having forgotten the requestid two days on: the next push cannot look it up.
 */
export async function unansweredLegacyPayment(w: Awaited<ReturnType<typeof world>>) {
  const { db, qbo, clock, deps } = w
  const { contact, invoice } = await invoiceFor(db, 'Quin')
  await push(deps())
  const pay = unwrap(
    await recordPayment(db, {
      contactId: contact.id,
      date: '2025-03-15',
      amount: 10_000,
      applications: [{ invoiceId: invoice.id, amount: 10_000 }],
    }),
  )
  qbo.script = ['drop']
  await push(deps({ maxAttempts: 1 }))
  const [claimed] = await db.outbox.toArray()
  const { sent: _sent, ...legacy } = claimed!
  await db.outbox.put(legacy)
  qbo.forgetRequestIds = true
  clock.advance(48 * 3600_000)
  return { pay, claimed: claimed! }
}

/** A store that runs `before` ahead of its `nth` call of `method` (the first by default): an edit landing mid-run, say. */
export function storeWith(
  db: FieldsyncDB,
  method: 'snapshot' | 'claim' | 'settle',
  before: () => Promise<void>,
  nth = 1,
): DexieStore {
  const store = new DexieStore(db)
  let calls = 0
  return Object.assign(Object.create(store) as DexieStore, {
    [method]: async (arg: never) => {
      if (++calls === nth) await before()
      return (store[method] as (a: never) => Promise<unknown>).call(store, arg)
    },
  })
}
