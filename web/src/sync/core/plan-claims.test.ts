/** Rows already claimed by an earlier send: resent, looked up, or settled. */
import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import type { SyncPlan } from './plan-types.ts'
import { contact, invoice, mapping, planInput as input, type PlanCase, row } from '../test-support/plan-builders.ts'

type Case = PlanCase & {
  name: string
  expect: {
    batches?: string[][]
    skipped?: [string, string][] // [localId, reason]
    counts?: Partial<SyncPlan['counts']>
    localOps?: string[]
  }
}

const cases: Case[] = [
  {
    name: 'a claimed row keeps its requestid and batch; a later edit waits for it to settle',
    records: { contacts: [contact('c1'), contact('c2')] },
    outbox: [
      row(1, 'contact', 'c1', { requestId: 'req-1', batchId: 'B1' }),
      row(2, 'contact', 'c2', { requestId: 'req-2', batchId: 'B1' }),
      row(3, 'contact', 'c1', { op: 'update', version: 2 }),
    ],
    batchSize: 1,
    expect: { batches: [['create:contact:c1', 'create:contact:c2']], skipped: [['c1', 'waiting-for-in-flight']] },
  },
  {
    name: 'two claimed rows of one record: the first is resent, the second waits for it',
    records: { contacts: [contact('c1')] },
    outbox: [
      row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }),
      row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r2', batchId: 'B2' }),
    ],
    expect: { batches: [['create:contact:c1']], skipped: [['c1', 'waiting-for-in-flight']] },
  },
  {
    name: 'two rows of one record claimed under one request are that one send: resent together, nothing waits',
    records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
    outbox: [
      row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }),
      row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r1', batchId: 'B1' }),
    ],
    expect: { batches: [['create:contact:c1']], skipped: [] },
  },
  {
    name: 'a claimed batch whose members depend on each other cannot be resent whole: dependencies win, records are looked up first',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
    outbox: [
      row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }),
      row(2, 'invoice', 'inv1', { requestId: 'r1', batchId: 'B1' }),
    ],
    expect: { batches: [['create:contact:c1'], ['create:invoice:inv1']] },
  },
  {
    name: 'a claimed row whose version the mapping already holds is up to date (settled, not resent)',
    records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
    outbox: [row(1, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r1', batchId: 'B1' })],
    mappings: [mapping('contact', 'c1', '58', { syncedVersion: 2 })],
    expect: { batches: [], skipped: [['c1', 'up-to-date']] },
  },
]

describe('plan: claimed rows', () => {
  it.each(cases)('$name', (c) => {
    const p = plan(input(c))
    if (c.expect.batches) expect(p.batches).toStrictEqual(c.expect.batches)
    if (c.expect.skipped) expect(p.skipped.map((s) => [s.localId, s.reason])).toStrictEqual(c.expect.skipped)
    if (c.expect.counts) expect(p.counts).toMatchObject(c.expect.counts)
    if (c.expect.localOps)
      expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual(c.expect.localOps)
  })

  it('drops the claim of a batch that cannot be resent whole, and asks for a lookup before creating', () => {
    const p = plan(
      input({
        name: '',
        records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
        outbox: [
          row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }),
          row(2, 'invoice', 'inv1', { requestId: 'r1', batchId: 'B1' }),
        ],
        expect: {},
      }),
    )
    for (const op of p.ops) {
      expect(op.lookupFirst).toBe(true)
      expect(op.requestId).toBeUndefined()
      expect(op.batchId).toBeUndefined()
    }
  })

  it('settles every row claimed under the one request it resends, at the newest of their versions', () => {
    const p = plan(
      input({
        name: '',
        records: { contacts: [contact('c1', 'Ann', { version: 3 })] },
        outbox: [
          row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }),
          row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r1', batchId: 'B1' }),
          row(3, 'contact', 'c1', { op: 'update', version: 3 }),
        ],
        expect: {},
      }),
    )
    expect(p.ops).toMatchObject([
      { id: 'create:contact:c1', outboxSeqs: [1, 2], version: 2, requestId: 'r1', batchId: 'B1' },
    ])
    expect(p.skipped).toMatchObject([{ localId: 'c1', reason: 'waiting-for-in-flight', outboxSeqs: [3] }])
  })

  it('never replays a claimed create as an update once QuickBooks has the record', () => {
    const p = plan(
      input({
        name: '',
        records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
        outbox: [row(1, 'contact', 'c1', { op: 'create', version: 2, requestId: 'r1', batchId: 'B1' })],
        mappings: [mapping('contact', 'c1', '58', { syncedVersion: 1 })],
        expect: {},
      }),
    )
    expect(p.ops).toMatchObject([{ id: 'update:contact:c1', qboId: '58', outboxSeqs: [1] }])
    expect(p.ops[0]?.requestId).toBeUndefined()
    expect(p.ops[0]?.batchId).toBeUndefined()
  })
})
