import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import type { SyncPlan } from './plan-types.ts'
import {
  NOW,
  contact,
  invoice,
  item,
  job,
  mapping,
  payment,
  planInput as input,
  type PlanCase,
  row,
} from '../test-support/plan-builders.ts'

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
    name: 'a new invoice for a new contact: the customer and item go one batch before the invoice',
    records: { contacts: [contact('c1')], items: [item('i1')], invoices: [invoice('inv1', 'c1', ['i1'])] },
    outbox: [row(1, 'contact', 'c1'), row(2, 'item', 'i1'), row(3, 'invoice', 'inv1')],
    expect: {
      batches: [['create:contact:c1', 'create:item:i1'], ['create:invoice:inv1']],
      counts: { createInQuickBooks: 3, update: 0, skipped: 0 },
    },
  },
  {
    name: 'a referenced contact that was never queued is created first anyway',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
    outbox: [row(1, 'invoice', 'inv1')],
    expect: { batches: [['create:contact:c1'], ['create:invoice:inv1']] },
  },
  {
    name: 'references already in QuickBooks need no op, and the invoice goes in the first batch',
    records: { contacts: [contact('c1')], items: [item('i1')], invoices: [invoice('inv1', 'c1', ['i1'])] },
    outbox: [row(3, 'invoice', 'inv1')],
    mappings: [mapping('contact', 'c1', '58'), mapping('item', 'i1', '19')],
    expect: { batches: [['create:invoice:inv1']] },
  },
  {
    name: 'payments come after the invoices they pay, which come after their customer',
    records: {
      contacts: [contact('c1')],
      invoices: [invoice('inv1', 'c1'), invoice('inv2', 'c1')],
      payments: [payment('p1', 'c1', ['inv1', 'inv2'])],
    },
    outbox: [row(1, 'payment', 'p1'), row(2, 'invoice', 'inv2'), row(3, 'invoice', 'inv1'), row(4, 'contact', 'c1')],
    expect: { batches: [['create:contact:c1'], ['create:invoice:inv2', 'create:invoice:inv1'], ['create:payment:p1']] },
  },
  {
    name: 'drafts never sync, and a payment on a draft waits for it',
    records: {
      contacts: [contact('c1')],
      invoices: [invoice('inv1', 'c1', [], { status: 'draft' })],
      payments: [payment('p1', 'c1', ['inv1'])],
    },
    outbox: [row(1, 'invoice', 'inv1'), row(2, 'payment', 'p1')],
    mappings: [mapping('contact', 'c1', '58')],
    expect: {
      batches: [],
      skipped: [
        ['inv1', 'draft'],
        ['p1', 'waiting-for-dependency'],
      ],
    },
  },
  {
    name: 'an edit of a synced record is an update carrying its QuickBooks id and SyncToken',
    records: { contacts: [contact('c1', 'Ann', { version: 3 })] },
    outbox: [row(7, 'contact', 'c1', { op: 'update', version: 3 })],
    mappings: [mapping('contact', 'c1', '58', { syncedVersion: 2 })],
    expect: { batches: [['update:contact:c1']], counts: { update: 1 } },
  },
  {
    name: 'a row whose version is already synced is up to date',
    records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
    outbox: [row(7, 'contact', 'c1', { op: 'update', version: 2 })],
    mappings: [mapping('contact', 'c1', '58', { syncedVersion: 2 })],
    expect: { batches: [], skipped: [['c1', 'up-to-date']] },
  },
  {
    name: 'a create whose mapping already exists (answer lost, then found) becomes an update',
    records: { items: [item('i1', 'Labor', { version: 2 })] },
    outbox: [row(1, 'item', 'i1', { op: 'create', version: 2 })],
    mappings: [mapping('item', 'i1', '19', { syncedVersion: 1 })],
    expect: { batches: [['update:item:i1']] },
  },
  {
    name: 'an unlinked mapping counts as none: the record is created again',
    records: { contacts: [contact('c1')] },
    outbox: [row(1, 'contact', 'c1', { op: 'update' })],
    mappings: [mapping('contact', 'c1', '58', { status: 'unlinked', syncedVersion: 0 })],
    expect: { batches: [['create:contact:c1']] },
  },
  {
    name: 'voiding a synced invoice is a void; voiding one never sent creates then voids it',
    records: {
      contacts: [contact('c1')],
      invoices: [invoice('inv1', 'c1', [], { status: 'void' }), invoice('inv2', 'c1', [], { status: 'void' })],
    },
    outbox: [row(1, 'invoice', 'inv1', { op: 'void' }), row(2, 'invoice', 'inv2', { op: 'void' })],
    mappings: [mapping('contact', 'c1', '58'), mapping('invoice', 'inv1', '130')],
    expect: {
      batches: [['void:invoice:inv1', 'create:invoice:inv2'], ['void:invoice:inv2']],
      counts: { void: 2, createInQuickBooks: 1 },
    },
  },
  {
    name: 'deleting a synced contact makes it inactive; deleting one never sent sends nothing',
    records: { contacts: [contact('c1', 'A', { deletedAt: NOW }), contact('c2', 'B', { deletedAt: NOW })] },
    outbox: [row(1, 'contact', 'c1', { op: 'delete' }), row(2, 'contact', 'c2', { op: 'delete' })],
    mappings: [mapping('contact', 'c1', '58')],
    expect: { batches: [['update:contact:c1']], skipped: [['c2', 'never-synced']] },
  },
  {
    name: 'jobs wait unless sub-customer jobs are on',
    records: { contacts: [contact('c1')], jobs: [job('j1', 'c1')] },
    outbox: [row(1, 'job', 'j1')],
    mappings: [mapping('contact', 'c1', '58')],
    expect: { batches: [], skipped: [['j1', 'jobs-off']] },
  },
  {
    name: 'with sub-customer jobs on, an invoice for a job waits for the job, which waits for its contact',
    records: {
      contacts: [contact('c1')],
      jobs: [job('j1', 'c1')],
      invoices: [invoice('inv1', 'c1', [], { jobId: 'j1' })],
    },
    outbox: [row(1, 'invoice', 'inv1')],
    subCustomerJobs: true,
    expect: { batches: [['create:contact:c1'], ['create:job:j1'], ['create:invoice:inv1']] },
  },
  {
    name: 'a row in backoff waits, and so does what references it',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
    outbox: [row(1, 'contact', 'c1', { nextAttemptAt: '2026-03-01T00:05:00.000Z' }), row(2, 'invoice', 'inv1')],
    expect: {
      batches: [],
      skipped: [
        ['c1', 'backoff'],
        ['inv1', 'waiting-for-dependency'],
      ],
    },
  },
  {
    name: 'an outbox row for a record that is gone is reported, not sent',
    records: {},
    outbox: [row(1, 'contact', 'ghost')],
    expect: { batches: [], skipped: [['ghost', 'missing-record']] },
  },
  {
    name: 'an invoice whose contact is gone waits with missing-reference',
    records: { invoices: [invoice('inv1', 'ghost')] },
    outbox: [row(1, 'invoice', 'inv1')],
    expect: { batches: [], skipped: [['inv1', 'missing-reference']] },
  },
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
  {
    name: 'batches hold at most batchSize ops',
    records: { contacts: [contact('c1'), contact('c2'), contact('c3')] },
    outbox: [row(1, 'contact', 'c1'), row(2, 'contact', 'c2'), row(3, 'contact', 'c3')],
    batchSize: 2,
    expect: { batches: [['create:contact:c1', 'create:contact:c2'], ['create:contact:c3']] },
  },
]

describe('plan', () => {
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

  it('carries what the runner needs on each op', () => {
    const p = plan(
      input({
        name: '',
        records: {
          contacts: [contact('c1', 'Ann', { version: 3 })],
          items: [item('i1')],
          invoices: [invoice('inv1', 'c1', ['i1'])],
        },
        outbox: [
          row(4, 'contact', 'c1', { op: 'update', version: 3 }),
          row(5, 'invoice', 'inv1', { requestId: 'r5', batchId: 'B9' }),
        ],
        mappings: [mapping('contact', 'c1', '58', { syncedVersion: 2 })],
        expect: {},
      }),
    )
    const byId = new Map(p.ops.map((o) => [o.id, o]))
    expect(byId.get('update:contact:c1')).toMatchObject({
      action: 'update',
      kind: 'contact',
      localId: 'c1',
      qboId: '58',
      syncToken: '0',
      version: 3,
      outboxSeqs: [4],
      label: 'Ann',
    })
    expect(byId.get('create:invoice:inv1')).toMatchObject({
      requestId: 'r5',
      batchId: 'B9',
      outboxSeqs: [5],
      label: 'Invoice inv1',
      dependsOn: ['create:item:i1'],
      refs: [
        { kind: 'contact', localId: 'c1' },
        { kind: 'item', localId: 'i1' },
      ],
    })
    expect(byId.get('create:item:i1')?.outboxSeqs).toStrictEqual([])
  })
})
