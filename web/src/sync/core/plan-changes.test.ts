/** What each kind of change becomes, and what waits or is skipped instead of being sent. */
import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import type { SyncPlan } from './plan-types.ts'
import {
  NOW,
  contact,
  invoice,
  item,
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
]

describe('plan: changes and waits', () => {
  it.each(cases)('$name', (c) => {
    const p = plan(input(c))
    if (c.expect.batches) expect(p.batches).toStrictEqual(c.expect.batches)
    if (c.expect.skipped) expect(p.skipped.map((s) => [s.localId, s.reason])).toStrictEqual(c.expect.skipped)
    if (c.expect.counts) expect(p.counts).toMatchObject(c.expect.counts)
    if (c.expect.localOps)
      expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual(c.expect.localOps)
  })
})
