import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { invoiceState } from '#shared/domain/index.ts'
import { createContact } from './contacts.ts'
import { createInvoices, getInvoice } from './invoices.ts'
import { listOutbox } from './outbox.ts'
import {
  autoApply,
  deletePayment,
  listPayments,
  openInvoicesForContact,
  recordPayment,
  updatePaymentDetails,
} from './payments.ts'
import type { FieldsyncDB } from './schema.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

async function setup() {
  db = testDb()
  const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
  const bob = unwrap(await createContact(db, { givenName: 'Bob' }))
  const [a, b, draft] = unwrap(
    await createInvoices(db, [
      {
        contactId: ann.id,
        issueDate: '2025-03-01',
        lines: [{ name: 'Labour', qty: 1000, unitPrice: 10000 }],
        finalize: true,
      },
      {
        contactId: ann.id,
        issueDate: '2025-03-02',
        lines: [{ name: 'Labour', qty: 1000, unitPrice: 5000 }],
        finalize: true,
      },
      { contactId: ann.id, lines: [{ name: 'Labour', qty: 1000, unitPrice: 5000 }] },
    ]),
  )
  await db.outbox.clear()
  return { ann, bob, a: a!, b: b!, draft: draft! }
}

describe('payments', () => {
  it('applies to invoices, lowers balances and queues only the payment', async () => {
    const { ann, a, b } = await setup()
    const p = unwrap(
      await recordPayment(db, {
        contactId: ann.id,
        date: '2025-03-20',
        amount: 12000,
        method: 'check',
        reference: '1044',
        applications: [
          { invoiceId: a.id, amount: 10000 },
          { invoiceId: b.id, amount: 2000 },
        ],
      }),
    )
    const [na, nb] = [await getInvoice(db, a.id), await getInvoice(db, b.id)]
    expect([na?.balance, nb?.balance]).toEqual([0, 3000])
    expect([invoiceState(na!), invoiceState(nb!)]).toEqual(['paid', 'partial'])
    expect(na?.version).toBe(a.version) // balance is derived: no bump, no invoice outbox row
    expect(await listOutbox(db)).toMatchObject([{ kind: 'payment', localId: p.id, op: 'create', version: 1 }])
    expect((await openInvoicesForContact(db, ann.id)).map((i) => i.id)).toEqual([b.id])
  })

  it('refuses overpayment with a message naming the invoice and what is left', async () => {
    const { ann, b } = await setup()
    const r = await recordPayment(db, {
      contactId: ann.id,
      date: '2025-03-20',
      amount: 6000,
      applications: [{ invoiceId: b.id, amount: 6000 }],
    })
    expect(r.ok ? null : r.error).toEqual({
      kind: 'overpayment',
      message: 'Invoice 1002 has only $50.00 left to pay; $60.00 would overpay it.',
      fields: { 'applications.0.amount': 'Invoice 1002 has only $50.00 left to pay; $60.00 would overpay it.' },
    })
    expect((await getInvoice(db, b.id))?.balance).toBe(5000)
    expect(await db.payments.count()).toBe(0)
  })

  it("refuses applications that exceed the payment, drafts, and other contacts' invoices", async () => {
    const { ann, bob, a, draft } = await setup()
    const over = await recordPayment(db, {
      contactId: ann.id,
      date: '2025-03-20',
      amount: 100,
      applications: [{ invoiceId: a.id, amount: 200 }],
    })
    expect(over.ok ? null : over.error).toMatchObject({
      kind: 'validation',
      fields: { applications: 'The amounts applied to invoices add up to more than the payment' },
    })
    const toDraft = await recordPayment(db, {
      contactId: ann.id,
      date: '2025-03-20',
      amount: 100,
      applications: [{ invoiceId: draft.id, amount: 100 }],
    })
    expect(toDraft.ok ? null : toDraft.error.kind).toBe('invalid_state')
    const wrong = await recordPayment(db, {
      contactId: bob.id,
      date: '2025-03-20',
      amount: 100,
      applications: [{ invoiceId: a.id, amount: 100 }],
    })
    expect(wrong.ok ? null : wrong.error.kind).toBe('not_found')
    const zero = await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 0, applications: [] })
    expect(zero.ok ? null : zero.error).toMatchObject({ fields: { amount: 'Enter an amount greater than zero' } })
  })

  it('deleting a payment never sent is soft, puts the money back and leaves nothing queued', async () => {
    const { ann, a } = await setup()
    const p = unwrap(
      await recordPayment(db, {
        contactId: ann.id,
        date: '2025-03-20',
        amount: 4000,
        applications: [{ invoiceId: a.id, amount: 4000 }],
      }),
    )
    const d = unwrap(await deletePayment(db, p.id))
    expect(d.deletedAt).toBe('2025-03-14T09:00:00.000Z')
    expect((await getInvoice(db, a.id))?.balance).toBe(10000)
    expect(await listPayments(db)).toEqual([])
    expect(await listOutbox(db)).toEqual([])
  })

  it('edits details with a version bump and spreads amounts oldest first', async () => {
    const { ann, a, b } = await setup()
    const p = unwrap(await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 500, applications: [] }))
    const e = unwrap(await updatePaymentDetails(db, p.id, { reference: 'CHK-9' }))
    expect(e).toMatchObject({ version: 2, reference: 'CHK-9', amount: 500 })
    expect(autoApply(12000, await openInvoicesForContact(db, ann.id))).toEqual([
      { invoiceId: a.id, amount: 10000 },
      { invoiceId: b.id, amount: 2000 },
    ])
  })
})
