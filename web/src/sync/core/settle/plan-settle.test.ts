// plan → execute (every write accepted) → settle → plan again: nothing is left to send, nothing was sent
// twice, and everything that was queued is either settled or still waiting for a stated reason. Settling the
// same answers twice (a resumed run) leaves the same rows as settling them once.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Mapping } from '#shared/domain/index.ts'
import { plan } from '../plan.ts'
import type { PlanInput, SyncOp } from '../plan-types.ts'
import { NOW, contact, emptyRecords, invoice, item, mapping, payment, row } from '../../test-support/plan-builders.ts'
import { settle } from './settle.ts'
import type { Settlement } from './types.ts'

const world = fc
  .record({
    contacts: fc.integer({ min: 1, max: 5 }),
    items: fc.integer({ min: 0, max: 4 }),
    invoices: fc.array(
      fc.record({
        c: fc.nat(),
        items: fc.array(fc.nat(), { maxLength: 3 }),
        status: fc.constantFrom('draft', 'finalized', 'void'),
      }),
      { maxLength: 8 },
    ),
    payments: fc.array(fc.record({ c: fc.nat(), inv: fc.array(fc.nat(), { maxLength: 2 }) }), { maxLength: 5 }),
    mapped: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    queued: fc.array(fc.constantFrom('none', 'create', 'update', 'void', 'delete'), { minLength: 25, maxLength: 25 }),
    batchSize: fc.integer({ min: 1, max: 30 }),
  })
  .map((w) => {
    const records = emptyRecords()
    for (let i = 0; i < w.contacts; i++) records.contacts.push(contact(`c${i}`))
    for (let i = 0; i < w.items; i++) records.items.push(item(`i${i}`))
    w.invoices.forEach((v, n) =>
      records.invoices.push(
        invoice(`inv${n}`, `c${v.c % w.contacts}`, w.items === 0 ? [] : v.items.map((x) => `i${x % w.items}`), {
          status: v.status as 'draft' | 'finalized' | 'void',
          version: 2,
        }),
      ),
    )
    w.payments.forEach((p, n) =>
      records.payments.push(
        payment(
          `p${n}`,
          `c${p.c % w.contacts}`,
          records.invoices.length === 0 ? [] : p.inv.map((x) => `inv${x % records.invoices.length}`),
        ),
      ),
    )
    const all = [
      ...records.contacts.map((x) => ['contact', x.id] as const),
      ...records.items.map((x) => ['item', x.id] as const),
      ...records.invoices.map((x) => ['invoice', x.id] as const),
      ...records.payments.map((x) => ['payment', x.id] as const),
    ]
    const mappings: PlanInput['mappings'][number][] = []
    const outbox: PlanInput['outbox'][number][] = []
    all.forEach(([kind, id], n) => {
      const inv = records.invoices.find((v) => v.id === id)
      if (w.mapped[n % 25] && inv?.status !== 'draft') {
        mappings.push(mapping(kind, id, String(1000 + n), { syncedVersion: 1 }))
      }
      const q = w.queued[n % 25]!
      const op = q === 'void' && kind !== 'invoice' && kind !== 'payment' ? 'update' : q
      if (op !== 'none') outbox.push(row(n + 1, kind, id, { op, version: 2 }))
      // A delete row goes with a deleted record, as the repositories write them.
      if (op === 'delete') {
        const table = `${kind}s` as 'contacts' | 'items' | 'invoices' | 'payments'
        const list = records[table] as { id: string; deletedAt?: string }[]
        const rec = list.find((r) => r.id === id)
        if (rec) rec.deletedAt = NOW
      }
    })
    return { records, mappings, outbox, batchSize: w.batchSize }
  })

type Rows = { mappings: Map<string, PlanInput['mappings'][number]>; outbox: PlanInput['outbox'][number][] }

/** What a store does with a settlement, as far as planning sees it. */
function commit(rows: Rows, s: Settlement): Rows {
  const mappings = new Map(rows.mappings)
  if (s.mapping) mappings.set(`${s.mapping.kind}:${s.mapping.localId}`, s.mapping)
  return { mappings, outbox: rows.outbox.filter((r) => !s.doneSeqs.includes(r.seq)) }
}

type World = typeof world extends fc.Arbitrary<infer T> ? T : never
const recordOf = (records: World['records'], op: SyncOp) =>
  [...records.contacts, ...records.items, ...records.invoices, ...records.payments].find((r) => r.id === op.localId)

/** Settles every sent op of `first` as accepted by QuickBooks; creates get fresh Ids. */
function settleAll(first: ReturnType<typeof plan>, w: World, start: Rows): { settlements: Settlement[]; rows: Rows } {
  let rows = start
  let nextId = 5000
  const created = new Map<string, string>()
  const settlements: Settlement[] = []
  for (const op of first.ops) {
    if (op.batch === undefined) continue
    const key = `${op.kind}:${op.localId}`
    const prior = rows.mappings.get(key)
    if (op.action === 'create') {
      expect(created.has(key)).toBe(false) // never two creates of one record
      expect(prior).toBeUndefined()
    }
    const qboId = op.action === 'create' ? String(nextId++) : (prior?.qboId ?? created.get(key)!)
    if (op.action === 'create') created.set(key, qboId)
    const s = settle(
      op,
      { type: 'ok', entity: { Id: qboId, SyncToken: '1' } },
      {
        realmId: '1',
        now: Date.parse(NOW),
        seqs: [...op.outboxSeqs],
        previous: prior as Mapping | undefined,
        record: recordOf(w.records, op),
        attempts: 0,
        random: () => 0.5,
      },
    )
    settlements.push(s)
    rows = commit(rows, s)
  }
  return { settlements, rows }
}

const planOf = (w: World, rows: Rows) =>
  plan({
    records: w.records,
    mappings: [...rows.mappings.values()],
    outbox: rows.outbox,
    settings: { subCustomerJobs: false },
    now: NOW,
    batchSize: w.batchSize,
  })

const rowsOf = (w: World): Rows => ({
  mappings: new Map(w.mappings.map((m) => [`${m.kind}:${m.localId}`, m])),
  outbox: [...w.outbox],
})

describe('plan, then settle what it did, then plan again', () => {
  it('leaves nothing to send, creates nothing twice and loses no queued row', () => {
    fc.assert(
      fc.property(world, (w) => {
        const first = planOf(w, rowsOf(w))
        let { rows } = settleAll(first, w, rowsOf(w))
        // Rows the plan found nothing to do for are settled by the runner.
        const nothingToDo = new Set(
          first.skipped
            .filter((s) => s.reason === 'up-to-date' || s.reason === 'never-synced')
            .flatMap((s) => s.outboxSeqs),
        )
        rows = { ...rows, outbox: rows.outbox.filter((r) => !nothingToDo.has(r.seq)) }

        const second = planOf(w, rows)
        expect(second.batches).toStrictEqual([])
        // What still waits, waits for the same reasons as before.
        const waiting = (r: string) => r !== 'up-to-date' && r !== 'never-synced'
        const reasons = (p: typeof first) =>
          p.skipped.filter((s) => waiting(s.reason)).map((s) => [s.localId, s.reason])
        expect(reasons(second)).toStrictEqual(reasons(first))
        const seqs = (xs: number[]) => xs.sort((a, b) => a - b)
        expect(seqs(rows.outbox.map((r) => r.seq))).toStrictEqual(seqs(second.skipped.flatMap((s) => s.outboxSeqs)))
      }),
      { numRuns: 300 },
    )
  })

  it('settling the same answers twice leaves the rows settling them once leaves', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { settlements, rows: once } = settleAll(planOf(w, rowsOf(w)), w, rowsOf(w))
        const twice = settlements.reduce(commit, once)
        expect(twice).toStrictEqual(once)
        expect(planOf(w, twice)).toStrictEqual(planOf(w, once))
      }),
      { numRuns: 100 },
    )
  })
})
