import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_BATCH_SIZE, plan } from './plan.ts'
import type { PlanInput } from './plan-types.ts'
import { NOW, contact, emptyRecords, invoice, item, job, mapping, payment, row } from '../test-support/plan-builders.ts'

// ---- properties -------------------------------------------------------------------------------------------

/** A random little company: contacts, items, invoices and payments referencing them, some mapped, some queued. */
const world = fc
  .record({
    contacts: fc.integer({ min: 1, max: 6 }),
    items: fc.integer({ min: 0, max: 5 }),
    jobs: fc.integer({ min: 0, max: 3 }),
    jobsOn: fc.boolean(),
    invoices: fc.array(
      fc.record({
        c: fc.nat(),
        items: fc.array(fc.nat(), { maxLength: 3 }),
        draft: fc.boolean(),
        void: fc.boolean(),
        job: fc.option(fc.nat(), { nil: undefined }),
      }),
      { maxLength: 10 },
    ),
    payments: fc.array(fc.record({ c: fc.nat(), inv: fc.array(fc.nat(), { maxLength: 3 }) }), { maxLength: 6 }),
    mapped: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    queued: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    batchSize: fc.integer({ min: 1, max: MAX_BATCH_SIZE }),
    order: fc.integer(),
  })
  .map((w) => {
    const r = emptyRecords()
    for (let i = 0; i < w.contacts; i++) r.contacts.push(contact(`c${i}`))
    for (let i = 0; i < w.items; i++) r.items.push(item(`i${i}`))
    for (let i = 0; i < w.jobs; i++) r.jobs.push(job(`j${i}`, `c${i % w.contacts}`))
    w.invoices.forEach((v, n) =>
      r.invoices.push(
        invoice(`inv${n}`, `c${v.c % w.contacts}`, w.items === 0 ? [] : v.items.map((x) => `i${x % w.items}`), {
          status: v.draft ? 'draft' : v.void ? 'void' : 'finalized',
          ...(v.job === undefined || w.jobs === 0 ? {} : { jobId: `j${v.job % w.jobs}` }),
        }),
      ),
    )
    w.payments.forEach((p, n) =>
      r.payments.push(
        payment(
          `p${n}`,
          `c${p.c % w.contacts}`,
          r.invoices.length === 0 ? [] : p.inv.map((x) => `inv${x % r.invoices.length}`),
        ),
      ),
    )
    const all = [
      ...r.contacts.map((x) => ['contact', x.id] as const),
      ...r.items.map((x) => ['item', x.id] as const),
      ...r.invoices.map((x) => ['invoice', x.id] as const),
      ...r.payments.map((x) => ['payment', x.id] as const),
      ...r.jobs.map((x) => ['job', x.id] as const),
    ]
    const mappings: PlanInput['mappings'][number][] = []
    const outbox: PlanInput['outbox'][number][] = []
    all.forEach(([kind, id], n) => {
      const isDraft = r.invoices.some((v) => v.id === id && v.status === 'draft')
      if (w.mapped[n % 30] && !isDraft) mappings.push(mapping(kind, id, String(100 + n)))
      if (w.queued[(n * 7) % 30])
        outbox.push(row((((n * 7919 + w.order) >>> 0) % 1000) + 1, kind, id, { op: 'update', version: 2 }))
    })
    return { records: r, mappings, outbox, batchSize: w.batchSize, jobsOn: w.jobsOn }
  })

describe('plan properties', () => {
  it('creates what is referenced before what references it: earlier batch, never the same one', () => {
    fc.assert(
      fc.property(world, ({ records, mappings, outbox, batchSize, jobsOn }) => {
        const p = plan({ records, mappings, outbox, settings: { subCustomerJobs: jobsOn }, now: NOW, batchSize })
        const batchOf = new Map(p.ops.map((o) => [o.id, o.batch]))
        const mapped = new Set(mappings.map((m) => `${m.kind}:${m.localId}`))
        const creates = new Map(p.ops.filter((o) => o.action === 'create').map((o) => [`${o.kind}:${o.localId}`, o]))
        for (const b of p.batches) expect(b.length).toBeLessThanOrEqual(batchSize)
        for (const op of p.ops) {
          if (op.batch === undefined) continue
          for (const d of op.dependsOn) expect(batchOf.get(d)).toBeLessThan(op.batch)
          for (const ref of op.refs) {
            const k = `${ref.kind}:${ref.localId}`
            if (mapped.has(k)) continue
            // Unmapped references are created by an op this one depends on, in an earlier batch.
            const c = creates.get(k)
            expect(op.dependsOn).toContain(c?.id)
            expect(c?.batch).toBeLessThan(op.batch)
          }
        }
        // The ops list is in execution order.
        const batches = p.ops.flatMap((o) => (o.batch === undefined ? [] : [o.batch]))
        expect(batches).toStrictEqual([...batches].sort((a, b) => a - b))
      }),
    )
  })

  it('accounts for every queued row exactly once: settled by an op or skipped with a reason', () => {
    fc.assert(
      fc.property(world, ({ records, mappings, outbox, batchSize }) => {
        const p = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
        const seen = [...p.ops.flatMap((o) => o.outboxSeqs), ...p.skipped.flatMap((s) => s.outboxSeqs)].sort(
          (a, b) => a - b,
        )
        expect(seen).toStrictEqual(outbox.map((r) => r.seq).sort((a, b) => a - b))
        expect(new Set(p.ops.map((o) => o.id)).size).toBe(p.ops.length)
      }),
    )
  })

  it('with rows claimed by earlier runs: each row still accounted once, each claimed batch resent whole with its requestids', () => {
    const claimedWorld = fc.tuple(
      world,
      fc.array(fc.option(fc.constantFrom('B0', 'B1', 'B2'), { nil: undefined }), { minLength: 40, maxLength: 40 }),
    )
    fc.assert(
      fc.property(claimedWorld, ([{ records, mappings, outbox, batchSize }, claims]) => {
        const rows = outbox.map((r, i) => {
          const b = claims[i % claims.length]
          return b === undefined ? r : { ...r, batchId: b, requestId: `req-${r.seq}` }
        })
        const p = plan({ records, mappings, outbox: rows, settings: { subCustomerJobs: false }, now: NOW, batchSize })
        const seen = [...p.ops.flatMap((o) => o.outboxSeqs), ...p.skipped.flatMap((s) => s.outboxSeqs)].sort(
          (a, b) => a - b,
        )
        expect(seen).toStrictEqual(rows.map((r) => r.seq).sort((a, b) => a - b))
        const batchOf = new Map(p.ops.map((o) => [o.id, o.batch]))
        for (const op of p.ops)
          for (const d of op.dependsOn) if (op.batch !== undefined) expect(batchOf.get(d)).toBeLessThan(op.batch)
        const batchOfClaim = new Map<string, number | undefined>()
        for (const op of p.ops) {
          if (op.batchId === undefined) continue
          const row = rows.find((r) => r.seq === op.outboxSeqs[0])
          expect(op.requestId).toBe(row?.requestId)
          if (batchOfClaim.has(op.batchId)) expect(op.batch).toBe(batchOfClaim.get(op.batchId))
          else batchOfClaim.set(op.batchId, op.batch)
        }
      }),
    )
  })

  it('is the same plan whatever the order of its inputs', () => {
    fc.assert(
      fc.property(world, ({ records, mappings, outbox, batchSize }) => {
        const a = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
        const rev = <T>(xs: readonly T[]) => [...xs].reverse()
        const b = plan({
          records: {
            contacts: rev(records.contacts),
            items: rev(records.items),
            jobs: rev(records.jobs),
            invoices: rev(records.invoices),
            payments: rev(records.payments),
          },
          mappings: rev(mappings),
          outbox: rev(outbox),
          settings: { subCustomerJobs: false },
          now: NOW,
          batchSize,
        })
        expect(b).toStrictEqual(a)
      }),
    )
  })
})
