/** A payment deleted here: deleted in QuickBooks when it is there, nothing sent when it never was. */
import { describe, expect, it } from 'vitest'
import { plan } from './plan.ts'
import { writeFor } from './map/request.ts'
import { settle } from './settle/settle.ts'
import { classifyFault } from './faults.ts'
import type { Payment } from '#shared/domain/index.ts'
import { contact, invoice, mapping, payment, planInput, row } from '../test-support/plan-builders.ts'

const gone = '2026-03-02T00:00:00.000Z'
const records = {
  contacts: [contact('c1')],
  invoices: [invoice('inv1', 'c1')],
  payments: [payment('p1', 'c1', ['inv1'], { deletedAt: gone })],
}
const linked = [mapping('contact', 'c1', '58'), mapping('invoice', 'inv1', '130'), mapping('payment', 'p1', '171')]

describe('plan: a deleted payment', () => {
  it('held in QuickBooks: one delete op, alone in its batch, with its Id and SyncToken', () => {
    const p = plan(
      planInput({ records, outbox: [row(1, 'payment', 'p1', { op: 'delete', version: 2 })], mappings: linked }),
    )
    expect(p.ops.map((o) => [o.id, o.qboId, o.syncToken, o.outboxSeqs])).toEqual([
      ['delete:payment:p1', '171', '0', [1]],
    ])
    expect(p.counts).toMatchObject({ void: 1, update: 0 })
    const w = writeFor(p.ops[0]!, {} as Payment, { ref: () => '', settings: { subCustomerJobs: false } })
    expect(w.ok && w.value.value).toEqual({
      entity: 'Payment',
      operation: 'delete',
      body: { Id: '171', SyncToken: '0' },
      batchable: false,
    })
  })

  it('never sent: nothing goes, the row is settled as never-synced', () => {
    const p = plan(
      planInput({ records, outbox: [row(1, 'payment', 'p1', { op: 'delete' })], mappings: linked.slice(0, 2) }),
    )
    expect(p.ops).toEqual([])
    expect(p.skipped.map((s) => [s.localId, s.reason])).toEqual([['p1', 'never-synced']])
  })

  it('deleted while its create is unanswered: the create is resent first and the deletion waits for it', () => {
    const p = plan(
      planInput({
        records,
        outbox: [
          row(1, 'payment', 'p1', { requestId: 'q1', batchId: 'b1' }),
          row(2, 'payment', 'p1', { op: 'delete', version: 2 }),
        ],
        mappings: linked.slice(0, 2),
      }),
    )
    expect(p.ops.map((o) => o.id)).toEqual(['create:payment:p1'])
    expect(p.skipped.map((s) => [s.localId, s.reason])).toEqual([['p1', 'waiting-for-in-flight']])
  })
})

describe('settle: a payment delete', () => {
  const op = plan(
    planInput({ records, outbox: [row(1, 'payment', 'p1', { op: 'delete', version: 2 })], mappings: linked }),
  ).ops[0]!
  const ctx = { realmId: 'r1', now: Date.parse(gone), seqs: [1], previous: undefined, attempts: 0, random: () => 0.5 }

  it('retires the link and logs it as deleted in QuickBooks', () => {
    const s = settle(op, { type: 'ok', entity: { Id: '171', status: 'Deleted', domain: 'QBO' } }, ctx)
    expect(s.mapping).toMatchObject({ qboId: '171', status: 'unlinked', syncedVersion: 2 })
    expect(s.doneSeqs).toEqual([1])
    expect(s.log.map((l) => l.details)).toEqual(['Deleted in QuickBooks (Id 171)'])
  })

  it('already deleted there (610): done, not an error', () => {
    const fault = classifyFault({
      type: 'http',
      status: 400,
      body: {
        Fault: {
          type: 'ValidationFault',
          Error: [{ code: '610', Message: 'Object Not Found', Detail: 'Another user has deleted this transaction.' }],
        },
      },
    })
    const s = settle(op, { type: 'fault', fault, release: true }, ctx)
    expect(s.failed).toBeUndefined()
    expect(s.mapping).toMatchObject({ status: 'unlinked' })
  })
})
