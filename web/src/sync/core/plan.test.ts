import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_BATCH_SIZE, plan } from './plan.ts'
import type { PlanInput, SyncPlan } from './plan-types.ts'
import { matchContacts } from './match.ts'
import {
  NOW, contact, emptyRecords, invoice, item, job, mapping, payment, row, type Records,
} from './test-records.ts'

type Case = {
  name: string
  records: Partial<Records>
  outbox?: PlanInput['outbox']
  mappings?: PlanInput['mappings']
  match?: PlanInput['match']
  subCustomerJobs?: boolean
  batchSize?: number
  expect: {
    batches?: string[][]
    skipped?: [string, string][] // [localId, reason]
    counts?: Partial<SyncPlan['counts']>
    localOps?: string[]
  }
}

const input = (c: Case): PlanInput => ({
  records: { ...emptyRecords(), ...c.records },
  outbox: c.outbox ?? [],
  mappings: c.mappings ?? [],
  match: c.match,
  settings: { subCustomerJobs: c.subCustomerJobs ?? false },
  now: NOW,
  batchSize: c.batchSize,
})

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
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1'), invoice('inv2', 'c1')], payments: [payment('p1', 'c1', ['inv1', 'inv2'])] },
    outbox: [row(1, 'payment', 'p1'), row(2, 'invoice', 'inv2'), row(3, 'invoice', 'inv1'), row(4, 'contact', 'c1')],
    expect: { batches: [['create:contact:c1'], ['create:invoice:inv2', 'create:invoice:inv1'], ['create:payment:p1']] },
  },
  {
    name: 'drafts never sync, and a payment on a draft waits for it',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1', [], { status: 'draft' })], payments: [payment('p1', 'c1', ['inv1'])] },
    outbox: [row(1, 'invoice', 'inv1'), row(2, 'payment', 'p1')],
    mappings: [mapping('contact', 'c1', '58')],
    expect: { batches: [], skipped: [['inv1', 'draft'], ['p1', 'waiting-for-dependency']] },
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
    expect: { batches: [['void:invoice:inv1', 'create:invoice:inv2'], ['void:invoice:inv2']], counts: { void: 2, createInQuickBooks: 1 } },
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
    records: { contacts: [contact('c1')], jobs: [job('j1', 'c1')], invoices: [invoice('inv1', 'c1', [], { jobId: 'j1' })] },
    outbox: [row(1, 'invoice', 'inv1')],
    subCustomerJobs: true,
    expect: { batches: [['create:contact:c1'], ['create:job:j1'], ['create:invoice:inv1']] },
  },
  {
    name: 'a row in backoff waits, and so does what references it',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
    outbox: [row(1, 'contact', 'c1', { nextAttemptAt: '2026-03-01T00:05:00.000Z' }), row(2, 'invoice', 'inv1')],
    expect: { batches: [], skipped: [['c1', 'backoff'], ['inv1', 'waiting-for-dependency']] },
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
    outbox: [row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }), row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r2', batchId: 'B2' })],
    expect: { batches: [['create:contact:c1']], skipped: [['c1', 'waiting-for-in-flight']] },
  },
  {
    name: 'two rows of one record claimed under one request are that one send: resent together, nothing waits',
    records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
    outbox: [row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }), row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r1', batchId: 'B1' })],
    expect: { batches: [['create:contact:c1']], skipped: [] },
  },
  {
    name: 'a claimed batch whose members depend on each other cannot be resent whole: dependencies win, records are looked up first',
    records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
    outbox: [row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }), row(2, 'invoice', 'inv1', { requestId: 'r1', batchId: 'B1' })],
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
    if (c.expect.localOps) expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual(c.expect.localOps)
  })

  it('drops the claim of a batch that cannot be resent whole, and asks for a lookup before creating', () => {
    const p = plan(input({
      name: '', records: { contacts: [contact('c1')], invoices: [invoice('inv1', 'c1')] },
      outbox: [row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }), row(2, 'invoice', 'inv1', { requestId: 'r1', batchId: 'B1' })], expect: {},
    }))
    for (const op of p.ops) {
      expect(op.lookupFirst).toBe(true)
      expect(op.requestId).toBeUndefined()
      expect(op.batchId).toBeUndefined()
    }
  })

  it('settles every row claimed under the one request it resends, at the newest of their versions', () => {
    const p = plan(input({
      name: '', records: { contacts: [contact('c1', 'Ann', { version: 3 })] },
      outbox: [row(1, 'contact', 'c1', { requestId: 'r1', batchId: 'B1' }), row(2, 'contact', 'c1', { op: 'update', version: 2, requestId: 'r1', batchId: 'B1' }),
        row(3, 'contact', 'c1', { op: 'update', version: 3 })],
      expect: {},
    }))
    expect(p.ops).toMatchObject([{ id: 'create:contact:c1', outboxSeqs: [1, 2], version: 2, requestId: 'r1', batchId: 'B1' }])
    expect(p.skipped).toMatchObject([{ localId: 'c1', reason: 'waiting-for-in-flight', outboxSeqs: [3] }])
  })

  it('never replays a claimed create as an update once QuickBooks has the record', () => {
    const p = plan(input({
      name: '', records: { contacts: [contact('c1', 'Ann', { version: 2 })] },
      outbox: [row(1, 'contact', 'c1', { op: 'create', version: 2, requestId: 'r1', batchId: 'B1' })],
      mappings: [mapping('contact', 'c1', '58', { syncedVersion: 1 })], expect: {},
    }))
    expect(p.ops).toMatchObject([{ id: 'update:contact:c1', qboId: '58', outboxSeqs: [1] }])
    expect(p.ops[0]?.requestId).toBeUndefined()
    expect(p.ops[0]?.batchId).toBeUndefined()
  })

  it('carries what the runner needs on each op', () => {
    const p = plan(input({
      name: '', records: { contacts: [contact('c1', 'Ann', { version: 3 })], items: [item('i1')], invoices: [invoice('inv1', 'c1', ['i1'])] },
      outbox: [row(4, 'contact', 'c1', { op: 'update', version: 3 }), row(5, 'invoice', 'inv1', { requestId: 'r5', batchId: 'B9' })],
      mappings: [mapping('contact', 'c1', '58', { syncedVersion: 2 })], expect: {},
    }))
    const byId = new Map(p.ops.map((o) => [o.id, o]))
    expect(byId.get('update:contact:c1')).toMatchObject({ action: 'update', kind: 'contact', localId: 'c1', qboId: '58', syncToken: '0', version: 3, outboxSeqs: [4], label: 'Ann' })
    expect(byId.get('create:invoice:inv1')).toMatchObject({
      requestId: 'r5', batchId: 'B9', outboxSeqs: [5], label: 'Invoice inv1', dependsOn: ['create:item:i1'],
      refs: [{ kind: 'contact', localId: 'c1' }, { kind: 'item', localId: 'i1' }],
    })
    expect(byId.get('create:item:i1')?.outboxSeqs).toStrictEqual([])
  })
})

describe('plan as the initial sync preview', () => {
  const records: Partial<Records> = {
    contacts: [contact('c1', 'Ann Lee'), contact('c2', 'Bob Ray'), contact('c3', 'Smith Plumbing'), contact('c4', 'New Person')],
    invoices: [invoice('inv1', 'c3'), invoice('inv2', 'c1'), invoice('inv3', 'c4')],
  }
  const remote = [
    { id: '1', name: 'Ann Lee' }, { id: '2', name: 'Smith Plumbing LLC' }, { id: '3', name: 'Only In QuickBooks' },
  ]
  const match = matchContacts(
    (records.contacts ?? []).map((c) => ({ id: c.id, name: c.displayName })), remote, [{ localId: 'c2', qboId: '9' }])
  const p = plan(input({
    name: '', records, match: { contacts: match },
    mappings: [mapping('contact', 'c2', '9')],
    outbox: [row(1, 'invoice', 'inv1'), row(2, 'invoice', 'inv2'), row(3, 'invoice', 'inv3')],
    expect: {},
  }))

  it('counts will link N, create M here, create K in QuickBooks, P need a decision', () => {
    expect(p.counts).toStrictEqual({ link: 1, createHere: 1, createInQuickBooks: 3, update: 0, void: 0, needDecision: 1, skipped: 1 })
  })

  it('links and pulls are local ops, ahead of every batch; invoices wait for links and creates they need', () => {
    expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual(['link:contact:c1', 'pull:contact:3'])
    expect(p.batches).toStrictEqual([['create:contact:c4', 'create:invoice:inv2'], ['create:invoice:inv3']])
    expect(p.ops.find((o) => o.id === 'create:invoice:inv2')?.dependsOn).toStrictEqual(['link:contact:c1'])
  })

  it('labels "create here" ops by kind and Id: Customer 12 and Item 12 are different records', () => {
    const only = (remoteOnly: string[]) => ({ links: [], ambiguous: [], localOnly: [], remoteOnly, orphanedMappings: [] })
    const q = plan({
      ...input({ name: '', records: {}, match: { contacts: only(['12']), items: only(['12']) }, expect: {} }),
      remoteLabels: { 'contact:12': 'Ann Lee', 'item:12': 'Drain Snake' },
    })
    expect(q.ops.filter((o) => o.action === 'pull').map((o) => [o.id, o.label])).toStrictEqual([['pull:contact:12', 'Ann Lee'], ['pull:item:12', 'Drain Snake']])
  })

  it('an edit queued for a contact that is being linked becomes an update of the linked customer, after the link', () => {
    const q = plan(input({
      name: '', records, match: { contacts: match }, mappings: [mapping('contact', 'c2', '9')],
      outbox: [row(1, 'contact', 'c1', { op: 'update', version: 2 })], expect: {},
    }))
    expect(q.ops.find((o) => o.localId === 'c1' && o.action === 'update')).toMatchObject({ qboId: '1', dependsOn: ['link:contact:c1'], batch: 0 })
  })

  it('an invoice QuickBooks already has (same number, same customer) is linked, not created again', () => {
    const q = plan(input({
      name: '', records: { contacts: [contact('c2', 'Bob Ray')], invoices: [invoice('inv9', 'c2')] },
      mappings: [mapping('contact', 'c2', '9')], outbox: [row(1, 'invoice', 'inv9')],
      match: { invoices: { links: [{ localId: 'inv9', qboId: '300', via: 'docNumber' }], ambiguous: [], localOnly: [], remoteOnly: ['301'], orphanedMappings: [] } },
      expect: {},
    }))
    expect(q.ops.map((o) => o.id)).toStrictEqual(['link:invoice:inv9', 'update:invoice:inv9'])
    expect(q.counts).toMatchObject({ link: 1, createHere: 0, createInQuickBooks: 0 })
  })

  it('an invoice of a contact in an ambiguous pair waits for the decision', () => {
    expect(p.decisions).toMatchObject([{ kind: 'contact', reason: 'similar-name', localIds: ['c3'], qboIds: ['2'] }])
    expect(p.skipped).toMatchObject([{ localId: 'inv1', reason: 'waiting-for-decision', waitingFor: { kind: 'contact', localId: 'c3' } }])
  })
})

// ---- properties -------------------------------------------------------------------------------------------

/** A random little company: contacts, items, invoices and payments referencing them, some mapped, some queued. */
const world = fc
  .record({
    contacts: fc.integer({ min: 1, max: 6 }),
    items: fc.integer({ min: 0, max: 5 }),
    jobs: fc.integer({ min: 0, max: 3 }),
    jobsOn: fc.boolean(),
    invoices: fc.array(fc.record({
      c: fc.nat(), items: fc.array(fc.nat(), { maxLength: 3 }), draft: fc.boolean(), void: fc.boolean(), job: fc.option(fc.nat(), { nil: undefined }),
    }), { maxLength: 10 }),
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
    w.invoices.forEach((v, n) => r.invoices.push(invoice(`inv${n}`, `c${v.c % w.contacts}`,
      w.items === 0 ? [] : v.items.map((x) => `i${x % w.items}`), {
        status: v.draft ? 'draft' : v.void ? 'void' : 'finalized',
        ...(v.job === undefined || w.jobs === 0 ? {} : { jobId: `j${v.job % w.jobs}` }),
      })))
    w.payments.forEach((p, n) => r.payments.push(payment(`p${n}`, `c${p.c % w.contacts}`,
      r.invoices.length === 0 ? [] : p.inv.map((x) => `inv${x % r.invoices.length}`))))
    const all = [
      ...r.contacts.map((x) => ['contact', x.id] as const), ...r.items.map((x) => ['item', x.id] as const),
      ...r.invoices.map((x) => ['invoice', x.id] as const), ...r.payments.map((x) => ['payment', x.id] as const),
      ...r.jobs.map((x) => ['job', x.id] as const),
    ]
    const mappings: PlanInput['mappings'][number][] = []
    const outbox: PlanInput['outbox'][number][] = []
    all.forEach(([kind, id], n) => {
      const isDraft = r.invoices.some((v) => v.id === id && v.status === 'draft')
      if (w.mapped[n % 30] && !isDraft) mappings.push(mapping(kind, id, String(100 + n)))
      if (w.queued[(n * 7) % 30]) outbox.push(row(((n * 7919 + w.order) >>> 0) % 1000 + 1, kind, id, { op: 'update', version: 2 }))
    })
    return { records: r, mappings, outbox, batchSize: w.batchSize, jobsOn: w.jobsOn }
  })

describe('plan properties', () => {
  it('creates what is referenced before what references it: earlier batch, never the same one', () => {
    fc.assert(fc.property(world, ({ records, mappings, outbox, batchSize, jobsOn }) => {
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
          expect(c).toBeDefined()
          expect(op.dependsOn).toContain(c!.id)
          expect(c!.batch).toBeLessThan(op.batch)
        }
      }
      // The ops list is in execution order.
      const batches = p.ops.flatMap((o) => (o.batch === undefined ? [] : [o.batch]))
      expect(batches).toStrictEqual([...batches].sort((a, b) => a - b))
    }))
  })

  it('accounts for every queued row exactly once: settled by an op or skipped with a reason', () => {
    fc.assert(fc.property(world, ({ records, mappings, outbox, batchSize }) => {
      const p = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
      const seen = [...p.ops.flatMap((o) => o.outboxSeqs), ...p.skipped.flatMap((s) => s.outboxSeqs)].sort((a, b) => a - b)
      expect(seen).toStrictEqual(outbox.map((r) => r.seq).sort((a, b) => a - b))
      expect(new Set(p.ops.map((o) => o.id)).size).toBe(p.ops.length)
    }))
  })

  it('with rows claimed by earlier runs: each row still accounted once, each claimed batch resent whole with its requestids', () => {
    const claimedWorld = fc.tuple(world, fc.array(fc.option(fc.constantFrom('B0', 'B1', 'B2'), { nil: undefined }), { minLength: 40, maxLength: 40 }))
    fc.assert(fc.property(claimedWorld, ([{ records, mappings, outbox, batchSize }, claims]) => {
      const rows = outbox.map((r, i) => {
        const b = claims[i % claims.length]
        return b === undefined ? r : { ...r, batchId: b, requestId: `req-${r.seq}` }
      })
      const p = plan({ records, mappings, outbox: rows, settings: { subCustomerJobs: false }, now: NOW, batchSize })
      const seen = [...p.ops.flatMap((o) => o.outboxSeqs), ...p.skipped.flatMap((s) => s.outboxSeqs)].sort((a, b) => a - b)
      expect(seen).toStrictEqual(rows.map((r) => r.seq).sort((a, b) => a - b))
      const batchOf = new Map(p.ops.map((o) => [o.id, o.batch]))
      for (const op of p.ops) for (const d of op.dependsOn) if (op.batch !== undefined) expect(batchOf.get(d)).toBeLessThan(op.batch)
      const batchOfClaim = new Map<string, number | undefined>()
      for (const op of p.ops) {
        if (op.batchId === undefined) continue
        const row = rows.find((r) => r.seq === op.outboxSeqs[0])
        expect(op.requestId).toBe(row?.requestId)
        if (batchOfClaim.has(op.batchId)) expect(op.batch).toBe(batchOfClaim.get(op.batchId))
        else batchOfClaim.set(op.batchId, op.batch)
      }
    }))
  })

  it('is the same plan whatever the order of its inputs', () => {
    fc.assert(fc.property(world, ({ records, mappings, outbox, batchSize }) => {
      const a = plan({ records, mappings, outbox, settings: { subCustomerJobs: false }, now: NOW, batchSize })
      const rev = <T>(xs: readonly T[]) => [...xs].reverse()
      const b = plan({
        records: { contacts: rev(records.contacts), items: rev(records.items), jobs: rev(records.jobs), invoices: rev(records.invoices), payments: rev(records.payments) },
        mappings: rev(mappings), outbox: rev(outbox), settings: { subCustomerJobs: false }, now: NOW, batchSize,
      })
      expect(b).toStrictEqual(a)
    }))
  })
})
