import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import { matchContacts } from './match.ts'
import { contact, invoice, mapping, planInput as input, row, type Records } from '../test-support/plan-builders.ts'

describe('plan as the initial sync preview', () => {
  const records: Partial<Records> = {
    contacts: [
      contact('c1', 'Ann Lee'),
      contact('c2', 'Bob Ray'),
      contact('c3', 'Smith Plumbing'),
      contact('c4', 'New Person'),
    ],
    invoices: [invoice('inv1', 'c3'), invoice('inv2', 'c1'), invoice('inv3', 'c4')],
  }
  const remote = [
    { id: '1', name: 'Ann Lee' },
    { id: '2', name: 'Smith Plumbing LLC' },
    { id: '3', name: 'Only In QuickBooks' },
  ]
  const match = matchContacts(
    (records.contacts ?? []).map((c) => ({ id: c.id, name: c.displayName })),
    remote,
    [{ localId: 'c2', qboId: '9' }],
  )
  const p = plan(
    input({
      name: '',
      records,
      match: { contacts: match },
      mappings: [mapping('contact', 'c2', '9')],
      outbox: [row(1, 'invoice', 'inv1'), row(2, 'invoice', 'inv2'), row(3, 'invoice', 'inv3')],
      expect: {},
    }),
  )

  it('counts will link N, create M here, create K in QuickBooks, P need a decision', () => {
    expect(p.counts).toStrictEqual({
      link: 1,
      createHere: 1,
      createInQuickBooks: 3,
      update: 0,
      void: 0,
      needDecision: 1,
      skipped: 1,
    })
  })

  it('links and pulls are local ops, ahead of every batch; invoices wait for links and creates they need', () => {
    expect(p.ops.filter((o) => o.batch === undefined).map((o) => o.id)).toStrictEqual([
      'link:contact:c1',
      'pull:contact:3',
    ])
    expect(p.batches).toStrictEqual([['create:contact:c4', 'create:invoice:inv2'], ['create:invoice:inv3']])
    expect(p.ops.find((o) => o.id === 'create:invoice:inv2')?.dependsOn).toStrictEqual(['link:contact:c1'])
  })

  it('labels "create here" ops by kind and Id: Customer 12 and Item 12 are different records', () => {
    const only = (remoteOnly: string[]) => ({
      links: [],
      ambiguous: [],
      localOnly: [],
      remoteOnly,
      orphanedMappings: [],
    })
    const q = plan({
      ...input({ name: '', records: {}, match: { contacts: only(['12']), items: only(['12']) }, expect: {} }),
      remoteLabels: { 'contact:12': 'Ann Lee', 'item:12': 'Drain Snake' },
    })
    expect(q.ops.filter((o) => o.action === 'pull').map((o) => [o.id, o.label])).toStrictEqual([
      ['pull:contact:12', 'Ann Lee'],
      ['pull:item:12', 'Drain Snake'],
    ])
  })

  it('turns an edit queued for a contact being linked into an update of the linked customer, after the link', () => {
    const q = plan(
      input({
        name: '',
        records,
        match: { contacts: match },
        mappings: [mapping('contact', 'c2', '9')],
        outbox: [row(1, 'contact', 'c1', { op: 'update', version: 2 })],
        expect: {},
      }),
    )
    expect(q.ops.find((o) => o.localId === 'c1' && o.action === 'update')).toMatchObject({
      qboId: '1',
      dependsOn: ['link:contact:c1'],
      batch: 0,
    })
  })

  it('an invoice QuickBooks already has (same number, same customer) is linked, not created again', () => {
    const q = plan(
      input({
        name: '',
        records: { contacts: [contact('c2', 'Bob Ray')], invoices: [invoice('inv9', 'c2')] },
        mappings: [mapping('contact', 'c2', '9')],
        outbox: [row(1, 'invoice', 'inv9')],
        match: {
          invoices: {
            links: [{ localId: 'inv9', qboId: '300', via: 'docNumber' }],
            ambiguous: [],
            localOnly: [],
            remoteOnly: ['301'],
            orphanedMappings: [],
          },
        },
        expect: {},
      }),
    )
    expect(q.ops.map((o) => o.id)).toStrictEqual(['link:invoice:inv9', 'update:invoice:inv9'])
    expect(q.counts).toMatchObject({ link: 1, createHere: 0, createInQuickBooks: 0 })
  })

  it('an invoice of a contact in an ambiguous pair waits for the decision', () => {
    expect(p.decisions).toMatchObject([{ kind: 'contact', reason: 'similar-name', localIds: ['c3'], qboIds: ['2'] }])
    expect(p.skipped).toMatchObject([
      { localId: 'inv1', reason: 'waiting-for-decision', waitingFor: { kind: 'contact', localId: 'c3' } },
    ])
  })
})
