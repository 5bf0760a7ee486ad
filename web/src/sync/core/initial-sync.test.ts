// The initial sync's decisions, end to end in the core, against a real sandbox company's customer list
// (Nango's recording: shared emails, sub-customers, near-duplicate names).
import { describe, expect, it } from 'vitest'
import { QboCustomer, QboQueryResponse } from '#shared/qbo/index.ts'
import { contactCandidate, customerCandidates } from './candidates.ts'
import { matchJobs } from './match-jobs.ts'
import { matchContacts } from './match.ts'
import { plan } from './plan.ts'
import { NOW, contact, emptyRecords, invoice, job, row } from '../test-support/plan-builders.ts'
import { customerQueryAllWithSubcustomersParentref as recorded } from '../test-support/qbo-fixtures.ts'

const customers = (QboQueryResponse.parse(recorded).QueryResponse.Customer ?? []).map((c) => QboCustomer.parse(c))

const local = [
  { ...contact('bill', "Bill's Windsurf Shop"), email: 'surf@intuit.com' },
  { ...contact('cars', 'Cool Cars'), email: undefined },
  { ...contact('kathy', 'Kookies by Kathy'), email: 'qbwebsamplecompany@yahoo.com' },
  { ...contact('freeman', 'Freeman Sporting Goods'), email: 'Sporting_goods@intuit.com' },
  { ...contact('test', 'Test Customer'), email: 'testcustomer@example.com' },
  { ...contact('weiskopf', 'Weiskopf Consulting LLC'), email: undefined },
  { ...contact('dylan', 'Dylan Sollfrank'), email: 'dylan@new.test' },
  { ...contact('melton', 'John Melton'), email: 'john@other.test' },
  { ...contact('new', 'New Client'), email: 'new@client.test' },
]

describe('initial sync of a recorded sandbox company', () => {
  const match = matchContacts(local.map(contactCandidate), customerCandidates(customers), [])

  it('links by email and by name, never to a sub-customer', () => {
    expect(match.links).toStrictEqual([
      { localId: 'bill', qboId: '2', via: 'email' },
      { localId: 'cars', qboId: '3', via: 'name' },
      { localId: 'dylan', qboId: '6', via: 'name' },
      // Its two sub-customers (jobs 8 and 9) share the email; only the parent is a candidate.
      { localId: 'freeman', qboId: '7', via: 'email' },
    ])
  })

  it('asks about shared emails, a suffix-only difference and a name whose emails disagree', () => {
    expect(match.ambiguous).toStrictEqual([
      { reason: 'email', key: 'qbwebsamplecompany@yahoo.com', localIds: ['kathy'], qboIds: ['16', '20'] },
      { reason: 'email', key: 'testcustomer@example.com', localIds: ['test'], qboIds: ['58', '59', '60'] },
      { reason: 'email-differs', key: 'john melton', localIds: ['melton'], qboIds: ['13'] },
      { reason: 'similar-name', key: 'weiskopf consulting', localIds: ['weiskopf'], qboIds: ['29'] },
    ])
    expect(match.localOnly).toStrictEqual(['new'])
  })

  it('previews the run: will link 4, create 19 here, create 3 in QuickBooks, 4 need a decision', () => {
    const records = emptyRecords()
    records.contacts.push(...local)
    records.invoices.push(invoice('inv-kathy', 'kathy'), invoice('inv-new', 'new'), invoice('inv-bill', 'bill'))
    const p = plan({
      records,
      mappings: [],
      match: { contacts: match },
      settings: { subCustomerJobs: false },
      now: NOW,
      outbox: [row(1, 'invoice', 'inv-kathy'), row(2, 'invoice', 'inv-new'), row(3, 'invoice', 'inv-bill')],
      remoteLabels: Object.fromEntries(customers.map((c) => [`contact:${c.Id}`, c.DisplayName ?? c.Id])),
    })
    // 33 customers: 3 sub-customers left out, 4 linked, 7 in questions → 19 created here.
    expect(p.counts).toStrictEqual({
      link: 4,
      createHere: 19,
      createInQuickBooks: 3,
      update: 0,
      void: 0,
      needDecision: 4,
      skipped: 1,
    })
    expect(p.batches).toStrictEqual([['create:contact:new', 'create:invoice:inv-bill'], ['create:invoice:inv-new']])
    expect(p.skipped).toMatchObject([{ localId: 'inv-kathy', reason: 'waiting-for-decision' }])
    expect(p.ops.find((o) => o.id === 'pull:contact:62')?.label).toBe('Final Validation Customer')
  })
})

describe('sub-customers of the recorded company', () => {
  it('are matched as jobs under their parent, and only there', () => {
    const jobs = [job('j1', 'freeman'), job('j2', 'bill')].map((j, i) => ({
      ...j,
      name: ['0969 Ocean View Road', 'Barnett Design'][i]!,
    }))
    const parentOf = (id: string) => (({ freeman: '7', bill: '2' }) as Record<string, string>)[id]
    const local = jobs.map((j) => ({ id: j.id, name: j.name, parentQboId: parentOf(j.contactId) }))
    const remote = customers.flatMap((q) =>
      q.ParentRef === undefined
        ? []
        : [{ id: q.Id, name: q.DisplayName, parentQboId: q.ParentRef.value, active: q.Active ?? true }],
    )
    const m = matchJobs(local, remote, [])
    // "Barnett Design" is a sub-customer of Shara Barnett (22), not of Bill's Windsurf Shop (2).
    expect(m.links).toStrictEqual([{ localId: 'j1', qboId: '8', via: 'name' }])
    expect(m.localOnly).toStrictEqual(['j2'])
    expect(m.remoteOnly).toStrictEqual(['23', '9'])
  })
})
