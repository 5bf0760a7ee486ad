import { describe, expect, it } from 'vitest'
import type { Contact, Invoice, Payment } from '#shared/domain/index.ts'
import type { SyncOp } from '../plan-types.ts'
import { resolverFrom } from './refs.ts'
import { writeFor, type RecordContext } from './request.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const T = '2026-03-01T00:00:00.000Z'
const c1 = testLocalId(1)
const i1 = testLocalId(2)
const inv1 = testLocalId(3)
const p1 = testLocalId(4)
const ids: Record<string, string> = { [`contact:${c1}`]: '58', [`item:${i1}`]: '19', [`invoice:${inv1}`]: '130' }
const ctx: RecordContext = {
  ref: resolverFrom((r) => ids[`${r.kind}:${r.localId}`]),
  settings: { defaultIncomeAccountId: '79', subCustomerJobs: false, depositAccountId: '35' },
}
const contact: Contact = {
  id: c1,
  version: 3,
  updatedAt: T,
  displayName: 'Ann Lee',
  email: 'ann@new.test',
  active: true,
}
const invoice: Invoice = {
  id: inv1,
  version: 2,
  updatedAt: T,
  number: '1042',
  contactId: c1,
  status: 'finalized',
  issueDate: '2026-03-01',
  dueDate: '2026-03-31',
  lines: [{ id: 'l1', itemId: i1, name: 'Labor', qty: 2000, unitPrice: 9500, amount: 19000, taxable: false }],
  taxRateBps: 0,
  subtotal: 19000,
  tax: 0,
  total: 19000,
  balance: 19000,
}
const payment: Payment = {
  id: p1,
  version: 1,
  updatedAt: T,
  contactId: c1,
  date: '2026-03-05',
  amount: 19000,
  method: 'check',
  applications: [{ invoiceId: inv1, amount: 19000 }],
}
const op = (patch: Partial<SyncOp>): SyncOp => ({
  id: 'x',
  action: 'create',
  kind: 'contact',
  localId: c1,
  outboxSeqs: [1],
  refs: [],
  dependsOn: [],
  label: 'x',
  ...patch,
})
const ok = <T>(r: { ok: true; value: { value: T } } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value.value
}

describe('writeFor', () => {
  it('a create sends the full body, batchable', () => {
    expect(ok(writeFor(op({}), contact, ctx))).toStrictEqual({
      entity: 'Customer',
      operation: 'create',
      batchable: true,
      body: { DisplayName: 'Ann Lee', PrimaryEmailAddr: { Address: 'ann@new.test' }, Active: true },
    })
  })

  it('an update sends only what changed since the snapshot, with Id and SyncToken', () => {
    const w = ok(
      writeFor(op({ action: 'update', qboId: '58', syncToken: '4' }), contact, ctx, {
        displayName: 'Ann Lee',
        email: 'ann@old.test',
        active: true,
      }),
    )
    expect(w).toStrictEqual({
      entity: 'Customer',
      operation: 'update',
      batchable: true,
      body: { Id: '58', SyncToken: '4', sparse: true, PrimaryEmailAddr: { Address: 'ann@new.test' } },
    })
  })

  it('a field the snapshot lacks (empty when last synced) is sent when the record has it now', () => {
    const w = ok(
      writeFor(op({ action: 'update', qboId: '58', syncToken: '4' }), { ...contact, phone: '(916) 555-0142' }, ctx, {
        displayName: 'Ann Lee',
        email: 'ann@new.test',
        active: true,
      }),
    )
    expect(w?.body).toStrictEqual({
      Id: '58',
      SyncToken: '4',
      sparse: true,
      PrimaryPhone: { FreeFormNumber: '(916) 555-0142' },
    })
  })

  it('an update that changes nothing in QuickBooks is no write at all', () => {
    expect(
      ok(
        writeFor(op({ action: 'update', qboId: '58', syncToken: '4' }), { ...contact, version: 4 }, ctx, {
          ...contact,
        }),
      ),
    ).toBeUndefined()
  })

  it('an invoice update re-sends its lines whole when one changed', () => {
    const edited = { ...invoice, lines: [{ ...invoice.lines[0]!, qty: 3000, amount: 28500 }] }
    const w = ok(
      writeFor(
        op({ action: 'update', kind: 'invoice', localId: inv1, qboId: '130', syncToken: '1' }),
        edited,
        ctx,
        invoice as unknown as Record<string, unknown>,
      ),
    )
    expect(Object.keys(w?.body ?? {})).toStrictEqual(['Id', 'SyncToken', 'sparse', 'Line'])
  })

  it.each<[string, SyncOp, unknown]>([
    [
      'a deactivation is a sparse Active: false',
      op({ action: 'update', deactivate: true, qboId: '58', syncToken: '4' }),
      {
        entity: 'Customer',
        operation: 'update',
        batchable: true,
        body: { Id: '58', SyncToken: '4', sparse: true, Active: false },
      },
    ],
    [
      'an invoice void is operation=void on its own',
      op({ action: 'void', kind: 'invoice', localId: inv1, qboId: '130', syncToken: '1' }),
      { entity: 'Invoice', operation: 'void', batchable: false, body: { Id: '130', SyncToken: '1' } },
    ],
    [
      'a payment void is a sparse update with include=void',
      op({ action: 'void', kind: 'payment', localId: p1, qboId: '170', syncToken: '0' }),
      {
        entity: 'Payment',
        operation: 'update',
        query: { include: 'void' },
        batchable: false,
        body: { Id: '170', SyncToken: '0', sparse: true },
      },
    ],
  ])('%s', (_n, o, expected) => {
    expect(
      ok(writeFor(o, o.kind === 'payment' ? payment : o.kind === 'invoice' ? invoice : contact, ctx)),
    ).toStrictEqual(expected)
  })

  it("a payment create links its invoices, deposits to the account from settings, and carries the payment's key", () => {
    expect(ok(writeFor(op({ kind: 'payment', localId: p1 }), payment, ctx))?.body).toMatchObject({
      CustomerRef: { value: '58' },
      DepositToAccountRef: { value: '35' },
      Line: [{ Amount: 190, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
      PrivateNote: `Fieldsync payment ${p1}`,
    })
  })

  it('a payment update leaves the key QuickBooks holds alone', () => {
    const w = ok(
      writeFor(
        op({ action: 'update', kind: 'payment', localId: p1, qboId: '170', syncToken: '0' }),
        { ...payment, version: 2, reference: '1042' },
        ctx,
        payment as unknown as Record<string, unknown>,
      ),
    )
    expect(w?.body).toStrictEqual({ Id: '170', SyncToken: '0', sparse: true, PaymentRefNum: '1042' })
  })

  it("an empty snapshot (what QuickBooks holds is unknown) sends every field, a payment's too", () => {
    const w = ok(
      writeFor(
        op({ action: 'update', kind: 'payment', localId: p1, qboId: '170', syncToken: '0' }),
        { ...payment, version: 2, reference: '1042' },
        ctx,
        {},
      ),
    )
    expect(w?.body).toMatchObject({
      Id: '170',
      SyncToken: '0',
      sparse: true,
      PaymentRefNum: '1042',
      TotalAmt: 190,
      CustomerRef: { value: '58' },
    })
  })

  it.each<[string, SyncOp]>([
    ['a void of a record not in QuickBooks', op({ action: 'void', kind: 'invoice' })],
    ['an update without its Id', op({ action: 'update' })],
    ['a link', op({ action: 'link', qboId: '58' })],
  ])('refuses %s', (_n, o) => {
    expect(writeFor(o, contact, ctx).ok).toBe(false)
  })
})
