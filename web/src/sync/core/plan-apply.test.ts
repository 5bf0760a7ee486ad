// plan → execute (every write accepted) → apply → plan again: nothing is left to send, nothing was sent
// twice, and everything that was queued is either settled or still waiting for a stated reason.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Mapping } from '../../../../shared/domain/index.ts'
import { applyOutcome } from './apply.ts'
import { plan } from './plan.ts'
import type { PlanInput } from './plan-types.ts'
import { NOW, contact, emptyRecords, invoice, item, mapping, payment, row } from './test-records.ts'

const world = fc
  .record({
    contacts: fc.integer({ min: 1, max: 5 }),
    items: fc.integer({ min: 0, max: 4 }),
    invoices: fc.array(fc.record({ c: fc.nat(), items: fc.array(fc.nat(), { maxLength: 3 }), status: fc.constantFrom('draft', 'finalized', 'void') }), { maxLength: 8 }),
    payments: fc.array(fc.record({ c: fc.nat(), inv: fc.array(fc.nat(), { maxLength: 2 }) }), { maxLength: 5 }),
    mapped: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    queued: fc.array(fc.constantFrom('none', 'create', 'update', 'void', 'delete'), { minLength: 25, maxLength: 25 }),
    batchSize: fc.integer({ min: 1, max: 30 }),
  })
  .map((w) => {
    const records = emptyRecords()
    for (let i = 0; i < w.contacts; i++) records.contacts.push(contact(`c${i}`))
    for (let i = 0; i < w.items; i++) records.items.push(item(`i${i}`))
    w.invoices.forEach((v, n) => records.invoices.push(invoice(`inv${n}`, `c${v.c % w.contacts}`,
      w.items === 0 ? [] : v.items.map((x) => `i${x % w.items}`), { status: v.status as 'draft' | 'finalized' | 'void', version: 2 })))
    w.payments.forEach((p, n) => records.payments.push(payment(`p${n}`, `c${p.c % w.contacts}`,
      records.invoices.length === 0 ? [] : p.inv.map((x) => `inv${x % records.invoices.length}`))))
    const all = [
      ...records.contacts.map((x) => ['contact', x.id] as const), ...records.items.map((x) => ['item', x.id] as const),
      ...records.invoices.map((x) => ['invoice', x.id] as const), ...records.payments.map((x) => ['payment', x.id] as const),
    ]
    const mappings: PlanInput['mappings'][number][] = []
    const outbox: PlanInput['outbox'][number][] = []
    all.forEach(([kind, id], n) => {
      const inv = records.invoices.find((v) => v.id === id)
      if (w.mapped[n % 25] && inv?.status !== 'draft') mappings.push(mapping(kind, id, String(1000 + n), { syncedVersion: 1 }))
      const q = w.queued[n % 25]!
      const op = q === 'void' && kind !== 'invoice' && kind !== 'payment' ? 'update' : q
      if (op !== 'none') outbox.push(row(n + 1, kind, id, { op, version: 2 }))
      // A delete row goes with a deleted record, as the repositories write them.
      if (op === 'delete') {
        const list = records[`${kind}s` as 'contacts' | 'items' | 'invoices' | 'payments'] as { id: string; deletedAt?: string }[]
        const rec = list.find((r) => r.id === id)
        if (rec) rec.deletedAt = NOW
      }
    })
    return { records, mappings, outbox, batchSize: w.batchSize }
  })

describe('plan, then apply what it did, then plan again', () => {
  it('leaves nothing to send, creates nothing twice and loses no queued row', () => {
    fc.assert(fc.property(world, ({ records, mappings: initial, outbox: queued, batchSize }) => {
      let mappings = [...initial]
      let outbox = [...queued]
      const first = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
      let nextId = 5000
      const created = new Map<string, string>()
      const byKey = new Map(mappings.map((m) => [`${m.kind}:${m.localId}`, m]))
      for (const op of first.ops) {
        if (op.batch === undefined) continue
        const key = `${op.kind}:${op.localId}`
        const prior = byKey.get(key)
        if (op.action === 'create') {
          expect(created.has(key)).toBe(false) // never two creates of one record
          expect(prior).toBeUndefined()
        }
        const qboId = op.action === 'create' ? String(nextId++) : prior?.qboId ?? created.get(key)!
        if (op.action === 'create') created.set(key, qboId)
        const changes = applyOutcome(op, { type: 'ok', qboId, syncToken: '1', snapshot: {} }, { realmId: '1', now: NOW, mapping: prior as Mapping | undefined, attempts: 0, random: 0.5 })
        byKey.set(key, changes.mapping!)
        outbox = outbox.filter((r) => !changes.outboxDone.includes(r.seq))
      }
      // Rows the plan found nothing to do for are settled by the runner.
      const nothingToDo = new Set(first.skipped.filter((s) => s.reason === 'up-to-date' || s.reason === 'never-synced').flatMap((s) => s.outboxSeqs))
      outbox = outbox.filter((r) => !nothingToDo.has(r.seq))
      mappings = [...byKey.values()]

      const second = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
      expect(second.batches).toStrictEqual([])
      // What still waits, waits for the same reasons as before.
      const reasons = (p: typeof first) => p.skipped.filter((s) => s.reason !== 'up-to-date' && s.reason !== 'never-synced').map((s) => [s.localId, s.reason])
      expect(reasons(second)).toStrictEqual(reasons(first))
      expect(outbox.map((r) => r.seq).sort((a, b) => a - b)).toStrictEqual(second.skipped.flatMap((s) => s.outboxSeqs).sort((a, b) => a - b))
    }), { numRuns: 300 })
  })
})
