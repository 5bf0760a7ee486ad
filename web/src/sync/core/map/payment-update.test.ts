/**
 * Fixing a payment QuickBooks holds, from recorded payments: the sparse update that applies a credit later, or
 * spreads it over invoices, and the delete. Lines go as a whole (QuickBooks replaces them on any update).
 */
import { describe, expect, it } from 'vitest'
import type { Payment } from '#shared/domain/index.ts'
import { QboPaymentResponse } from '#shared/qbo/index.ts'
import { qboToPayment } from './payment.ts'
import { writeFor } from './request.ts'
import { resolverFrom } from './refs.ts'
import type { SyncOp } from '../plan-types.ts'
import { paymentReadUnapplied, paymentUpdateLinkedToInvoiceLineex } from '../../test-support/qbo-fixtures.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const bill = testLocalId(1),
  ocean = testLocalId(2),
  inv96 = testLocalId(3),
  inv71 = testLocalId(4)
const links: Record<string, string> = {
  'contact:2': bill,
  'contact:8': ocean,
  'invoice:96': inv96,
  'invoice:71': inv71,
}
const localIdOf = (kind: string, qboId: string) => links[`${kind}:${qboId}`]
const qboIdOf = (kind: string, localId: string) =>
  Object.entries(links)
    .find(([k, v]) => k.startsWith(`${kind}:`) && v === localId)?.[0]
    .split(':')[1]
const ctx = { ref: resolverFrom((r) => qboIdOf(r.kind, r.localId)), settings: { subCustomerJobs: false } }

/** A local payment as the recorded QuickBooks one reads here, and the update op for it. */
function fromRecorded(recorded: unknown) {
  const q = QboPaymentResponse.parse(recorded).Payment
  const r = qboToPayment(q, localIdOf)
  if (!r.ok) throw new Error(r.error.message)
  const snapshot = r.value.value
  const record = { id: testLocalId(9), version: 2, updatedAt: '2026-05-06T00:00:00Z', method: 'other', ...snapshot }
  const op: SyncOp = {
    id: 'update:payment:p',
    action: 'update',
    kind: 'payment',
    localId: record.id,
    qboId: q.Id,
    syncToken: q.SyncToken,
    version: 2,
    outboxSeqs: [1],
    refs: [],
    dependsOn: [],
    label: 'Payment',
  }
  return { snapshot, record: record as Payment, op }
}

describe('a recorded payment fixed here', () => {
  it('an unapplied payment applied later: Line with a LinkedTxn, its Id and SyncToken, nothing else', () => {
    const { snapshot, record, op } = fromRecorded(paymentReadUnapplied)
    const later = { ...record, contactId: bill, applications: [{ invoiceId: inv71, amount: 10000 }] }
    const w = writeFor(op, later, ctx, snapshot)
    expect(w.ok && w.value.value).toEqual({
      entity: 'Payment',
      operation: 'update',
      batchable: true,
      body: {
        Id: '170',
        SyncToken: '0',
        sparse: true,
        Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '71', TxnType: 'Invoice' }] }],
      },
    })
  })

  it('one payment moved across two invoices: every line that should remain goes, in order', () => {
    const { snapshot, record, op } = fromRecorded(paymentUpdateLinkedToInvoiceLineex)
    const spread = {
      ...record,
      applications: [
        { invoiceId: inv96, amount: 30000 },
        { invoiceId: inv71, amount: 8700 },
      ],
    }
    const w = writeFor(op, spread, ctx, snapshot)
    expect(w.ok && w.value.value?.body).toEqual({
      Id: '128',
      SyncToken: '3',
      sparse: true,
      Line: [
        { Amount: 300, LinkedTxn: [{ TxnId: '96', TxnType: 'Invoice' }] },
        { Amount: 87, LinkedTxn: [{ TxnId: '71', TxnType: 'Invoice' }] },
      ],
    })
  })

  it('amount, date and reference edited after it was sent; removing every application sends an empty Line', () => {
    const { snapshot, record, op } = fromRecorded(paymentUpdateLinkedToInvoiceLineex)
    const edited = { ...record, amount: 40000, date: '2026-04-09', reference: '5521', applications: [] }
    const w = writeFor(op, edited, ctx, snapshot)
    expect(w.ok && w.value.value?.body).toEqual({
      Id: '128',
      SyncToken: '3',
      sparse: true,
      TotalAmt: 400,
      TxnDate: '2026-04-09',
      PaymentRefNum: '5521',
      Line: [],
    })
  })

  it('deleted: operation=delete with the recorded Id and SyncToken only, sent alone', () => {
    const { record, op } = fromRecorded(paymentUpdateLinkedToInvoiceLineex)
    const w = writeFor({ ...op, action: 'delete' }, record, ctx)
    expect(w.ok && w.value.value).toEqual({
      entity: 'Payment',
      operation: 'delete',
      body: { Id: '128', SyncToken: '3' },
      batchable: false,
    })
  })
})
