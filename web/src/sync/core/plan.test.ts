/** The order ops go out in, and how they are batched. */
import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import type { SyncPlan } from './plan-types.ts'
import {
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
    name: 'batches hold at most batchSize ops',
    records: { contacts: [contact('c1'), contact('c2'), contact('c3')] },
    outbox: [row(1, 'contact', 'c1'), row(2, 'contact', 'c2'), row(3, 'contact', 'c3')],
    batchSize: 2,
    expect: { batches: [['create:contact:c1', 'create:contact:c2'], ['create:contact:c3']] },
  },
]

describe('plan: order and batches', () => {
  it.each(cases)('$name', (c) => {
    const p = plan(input(c))
    if (c.expect.batches) expect(p.batches).toStrictEqual(c.expect.batches)
    if (c.expect.skipped) expect(p.skipped.map((s) => [s.localId, s.reason])).toStrictEqual(c.expect.skipped)
    if (c.expect.counts) expect(p.counts).toMatchObject(c.expect.counts)
    if (c.expect.localOps)
      expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual(c.expect.localOps)
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
