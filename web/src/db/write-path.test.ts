/**
 * The one-write-path rule, checked over random edit sequences: after any mix of
 * writes through the repositories, every syncable record that changed since the
 * engine last took it has exactly one unclaimed outbox row, carrying its latest
 * version, and no record ever has two unclaimed rows.
 */
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SyncKind } from '#shared/domain/index.ts'
import { createContact, deleteContact, updateContact } from './contacts.ts'
import { addLine, createInvoice, finalizeInvoice, updateInvoiceHeader, voidInvoice } from './invoices.ts'
import { createItem, deleteItem, updateItem } from './items.ts'
import { createJob, updateJob } from './jobs.ts'
import { deletePayment, recordPayment, updatePaymentDetails } from './payments.ts'
import type { FieldsyncDB } from './schema.ts'
import { updateSettings } from './settings.ts'
import { testDb } from './test-db.ts'

type Step =
  | { t: 'contact.create'; name: string }
  | { t: 'contact.update'; pick: number; notes: string }
  | { t: 'contact.delete'; pick: number }
  | { t: 'item.create'; name: string; price: number }
  | { t: 'item.update'; pick: number; price: number }
  | { t: 'item.delete'; pick: number }
  | { t: 'invoice.create'; pick: number }
  | { t: 'invoice.line'; pick: number; cents: number }
  | { t: 'invoice.finalize'; pick: number }
  | { t: 'invoice.memo'; pick: number; memo: string }
  | { t: 'invoice.void'; pick: number }
  | { t: 'payment.record'; pick: number; cents: number }
  | { t: 'payment.update'; pick: number; ref: string }
  | { t: 'payment.delete'; pick: number }
  | { t: 'job.create'; pick: number; name: string }
  | { t: 'job.update'; pick: number; name: string }
  | { t: 'jobs.on' }
  | { t: 'engine.claim'; pick: number }
  | { t: 'engine.settle'; pick: number }

const word = fc.stringMatching(/^[A-Za-z]{1,8}$/)
const pick = fc.nat(6)
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('contact.create' as const), name: word }) },
  fc.record({ t: fc.constant('contact.update' as const), pick, notes: word }),
  fc.record({ t: fc.constant('contact.delete' as const), pick }),
  fc.record({ t: fc.constant('item.create' as const), name: word, price: fc.nat(100_000) }),
  fc.record({ t: fc.constant('item.update' as const), pick, price: fc.nat(100_000) }),
  fc.record({ t: fc.constant('item.delete' as const), pick }),
  { weight: 3, arbitrary: fc.record({ t: fc.constant('invoice.create' as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('invoice.line' as const), pick, cents: fc.integer({ min: 1, max: 50_000 }) }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('invoice.finalize' as const), pick }) },
  fc.record({ t: fc.constant('invoice.memo' as const), pick, memo: word }),
  fc.record({ t: fc.constant('invoice.void' as const), pick }),
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('payment.record' as const),
      pick,
      cents: fc.integer({ min: 1, max: 20_000 }),
    }),
  },
  fc.record({ t: fc.constant('payment.update' as const), pick, ref: word }),
  fc.record({ t: fc.constant('payment.delete' as const), pick }),
  fc.record({ t: fc.constant('job.create' as const), pick, name: word }),
  fc.record({ t: fc.constant('job.update' as const), pick, name: word }),
  fc.record({ t: fc.constant('jobs.on' as const) }),
  fc.record({ t: fc.constant('engine.claim' as const), pick }),
  fc.record({ t: fc.constant('engine.settle' as const), pick }),
)

const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined)

async function apply(db: FieldsyncDB, s: Step, synced: Map<string, number>): Promise<void> {
  const ids = async (table: 'contacts' | 'items' | 'invoices' | 'payments' | 'jobs') =>
    (await db[table].toCollection().primaryKeys()).sort()
  switch (s.t) {
    case 'contact.create':
      await createContact(db, { givenName: s.name })
      break
    case 'contact.update': {
      const id = at(await ids('contacts'), s.pick)
      if (id) await updateContact(db, id, { notes: s.notes })
      break
    }
    case 'contact.delete': {
      const id = at(await ids('contacts'), s.pick)
      if (id) await deleteContact(db, id)
      break
    }
    case 'item.create':
      await createItem(db, { name: s.name, unitPrice: s.price })
      break
    case 'item.update': {
      const id = at(await ids('items'), s.pick)
      if (id) await updateItem(db, id, { unitPrice: s.price })
      break
    }
    case 'item.delete': {
      const id = at(await ids('items'), s.pick)
      if (id) await deleteItem(db, id)
      break
    }
    case 'invoice.create': {
      const id = at(await ids('contacts'), s.pick)
      if (id) await createInvoice(db, { contactId: id })
      break
    }
    case 'invoice.line': {
      const id = at(await ids('invoices'), s.pick)
      if (id) await addLine(db, id, { name: 'Work', qty: 1000, unitPrice: s.cents })
      break
    }
    case 'invoice.finalize': {
      const id = at(await ids('invoices'), s.pick)
      if (id) await finalizeInvoice(db, id)
      break
    }
    case 'invoice.memo': {
      const id = at(await ids('invoices'), s.pick)
      if (id) await updateInvoiceHeader(db, id, { memo: s.memo })
      break
    }
    case 'invoice.void': {
      const id = at(await ids('invoices'), s.pick)
      if (id) await voidInvoice(db, id)
      break
    }
    case 'payment.record': {
      const open = (await db.invoices.toArray())
        .filter((i) => i.status === 'finalized' && i.balance > 0)
        .sort((a, b) => a.id.localeCompare(b.id))
      const inv = at(open, s.pick)
      if (inv)
        await recordPayment(db, {
          contactId: inv.contactId,
          date: '2025-03-20',
          amount: s.cents,
          applications: [{ invoiceId: inv.id, amount: Math.min(s.cents, inv.balance) }],
        })
      break
    }
    case 'payment.update': {
      const id = at(await ids('payments'), s.pick)
      if (id) await updatePaymentDetails(db, id, { reference: s.ref })
      break
    }
    case 'payment.delete': {
      const id = at(await ids('payments'), s.pick)
      if (id) await deletePayment(db, id)
      break
    }
    case 'job.create': {
      const id = at(await ids('contacts'), s.pick)
      if (id) await createJob(db, { contactId: id, name: s.name })
      break
    }
    case 'job.update': {
      const id = at(await ids('jobs'), s.pick)
      if (id) await updateJob(db, id, { name: s.name })
      break
    }
    case 'jobs.on':
      await updateSettings(db, { subCustomerJobs: true })
      break
    case 'engine.claim': {
      const open = await db.outbox.filter((r) => r.batchId === undefined).toArray()
      const row = at(open, s.pick)
      if (row) await db.outbox.update(row.seq, { batchId: `b${row.seq}`, requestId: `r${row.seq}` })
      break
    }
    case 'engine.settle': {
      // What the runner will do: a claimed row succeeded, so its version is synced and the row goes.
      const claimed = await db.outbox.filter((r) => r.batchId !== undefined).toArray()
      const row = at(claimed, s.pick)
      if (row) {
        synced.set(`${row.kind}:${row.localId}`, Math.max(synced.get(`${row.kind}:${row.localId}`) ?? 0, row.version))
        await db.outbox.delete(row.seq)
      }
      break
    }
  }
}

/** Which records must be waiting for sync: the syncable ones whose version is beyond what the engine took. */
async function expectedPending(db: FieldsyncDB, synced: Map<string, number>, taken: Map<string, number>) {
  const jobsSync = (await db.settings.get('app'))?.subCustomerJobs ?? false
  const out = new Map<string, number>()
  const add = (kind: SyncKind, id: string, version: number) => {
    const key = `${kind}:${id}`
    if (version > Math.max(synced.get(key) ?? 0, taken.get(key) ?? 0)) out.set(key, version)
  }
  for (const c of await db.contacts.toArray()) add('contact', c.id, c.version)
  for (const i of await db.items.toArray()) add('item', i.id, i.version)
  for (const p of await db.payments.toArray()) add('payment', p.id, p.version)
  if (jobsSync) for (const j of await db.jobs.toArray()) add('job', j.id, j.version)
  // A draft never syncs; once finalized, every later version must be queued.
  for (const inv of await db.invoices.toArray()) if (inv.status !== 'draft') add('invoice', inv.id, inv.version)
  return out
}

describe('one write path', () => {
  // 80 runs of up to 60 IndexedDB writes each: about 2 s on an idle machine, more than the default 5 s when the
  // machine is busy, so the budget is stated rather than left to the default.
  it(
    'every syncable change has exactly one unclaimed outbox row at its latest version',
    { timeout: 30_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
          const db = testDb()
          const synced = new Map<string, number>()
          try {
            for (const s of steps) {
              await apply(db, s, synced)
              const rows = await db.outbox.toArray()
              const open = rows.filter((r) => r.batchId === undefined)
              const keys = open.map((r) => `${r.kind}:${r.localId}`)
              expect(new Set(keys).size).toBe(keys.length)
              // versions the engine has in hand (claimed rows) are not "pending" a second time
              const taken = new Map<string, number>()
              for (const r of rows.filter((x) => x.batchId !== undefined))
                taken.set(`${r.kind}:${r.localId}`, Math.max(taken.get(`${r.kind}:${r.localId}`) ?? 0, r.version))
              const want = await expectedPending(db, synced, taken)
              expect(new Map(open.map((r) => [`${r.kind}:${r.localId}`, r.version]))).toEqual(want)
            }
          } finally {
            await db.delete()
          }
        }),
        { numRuns: 80 },
      )
    },
  )
})
