import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import { createContact } from './contacts.ts'
import { createInvoices, getInvoice } from './invoices.ts'
import { listOutbox } from './outbox.ts'
import { deletePayment, editPayment, isInQuickBooks, recordPayment } from './payments.ts'
import type { FieldsyncDB } from './schema.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

async function setup() {
  db = testDb()
  const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
  const [a, b] = unwrap(
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
    ]),
  )
  await db.outbox.clear()
  return { ann, a: a!, b: b! }
}

const balance = async (id: string) => (await getInvoice(db, id as never))?.balance

async function linked(localId: string) {
  const m: Mapping = {
    kind: 'payment',
    localId: localId as Mapping['localId'],
    qboId: '77' as Mapping['qboId'],
    realmId: 'r1',
    syncToken: '0' as Mapping['syncToken'],
    snapshot: {},
    syncedVersion: 1,
    status: 'synced',
    updatedAt: '2025-03-14T09:00:00.000Z',
  }
  await db.mappings.put(m)
  await db.outbox.clear()
}

describe('editing a payment', () => {
  it('changes amount, date, method and reference with one version bump and one queued update', async () => {
    const { ann } = await setup()
    const p = unwrap(await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 500, applications: [] }))
    await linked(p.id)
    const e = unwrap(
      await editPayment(db, p.id, { amount: 750, date: '2025-03-21', method: 'card', reference: 'AUTH-1' }),
    )
    expect(e).toMatchObject({ version: 2, amount: 750, date: '2025-03-21', method: 'card', reference: 'AUTH-1' })
    expect(await listOutbox(db)).toMatchObject([{ localId: p.id, op: 'update', version: 2 }])
  })

  it('applies a credit later, across two invoices, and both balances follow', async () => {
    const { ann, a, b } = await setup()
    const p = unwrap(
      await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 12000, applications: [] }),
    )
    const e = unwrap(
      await editPayment(db, p.id, {
        applications: [
          { invoiceId: a.id, amount: 10000 },
          { invoiceId: b.id, amount: 2000 },
        ],
      }),
    )
    expect(e.applications).toHaveLength(2)
    expect([await balance(a.id), await balance(b.id)]).toEqual([0, 3000])
  })

  it('moves money from one invoice to another, counting what it had on the first as free again', async () => {
    const { ann, a, b } = await setup()
    const p = unwrap(
      await recordPayment(db, {
        contactId: ann.id,
        date: '2025-03-20',
        amount: 5000,
        applications: [{ invoiceId: a.id, amount: 5000 }],
      }),
    )
    // Raising the one application past what is left (5000) but within what it had (5000 + 5000) is fine.
    unwrap(await editPayment(db, p.id, { amount: 9000, applications: [{ invoiceId: a.id, amount: 9000 }] }))
    expect(await balance(a.id)).toBe(1000)
    unwrap(await editPayment(db, p.id, { applications: [{ invoiceId: b.id, amount: 5000 }] }))
    expect([await balance(a.id), await balance(b.id)]).toEqual([10000, 0])
  })

  it('refuses to overpay and to apply more than the payment, leaving balances alone', async () => {
    const { ann, a, b } = await setup()
    const p = unwrap(await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 6000, applications: [] }))
    const over = await editPayment(db, p.id, { applications: [{ invoiceId: b.id, amount: 6000 }] })
    expect(over.ok ? null : over.error).toMatchObject({ kind: 'overpayment' })
    const tooMuch = await editPayment(db, p.id, { applications: [{ invoiceId: a.id, amount: 7000 }] })
    expect(tooMuch.ok ? null : tooMuch.error).toMatchObject({ kind: 'validation' })
    expect([await balance(a.id), await balance(b.id)]).toEqual([10000, 5000])
  })
})

describe('deleting a payment', () => {
  it('QuickBooks holds: the deletion is queued for the next sync and the balance goes back up', async () => {
    const { ann, a } = await setup()
    const p = unwrap(
      await recordPayment(db, {
        contactId: ann.id,
        date: '2025-03-20',
        amount: 4000,
        applications: [{ invoiceId: a.id, amount: 4000 }],
      }),
    )
    await linked(p.id)
    expect(await isInQuickBooks(db, p.id)).toBe(true)
    unwrap(await deletePayment(db, p.id))
    expect(await balance(a.id)).toBe(10000)
    expect(await listOutbox(db)).toMatchObject([{ localId: p.id, op: 'delete', version: 2 }])
  })

  it('sent with no answer yet: the claimed row stays and the deletion follows it', async () => {
    const { ann } = await setup()
    const p = unwrap(await recordPayment(db, { contactId: ann.id, date: '2025-03-20', amount: 4000, applications: [] }))
    const [row] = await listOutbox(db)
    await db.outbox.update(row!.seq, { batchId: 'b1', requestId: 'q1' })
    expect(await isInQuickBooks(db, p.id)).toBe(true)
    unwrap(await deletePayment(db, p.id))
    expect((await listOutbox(db)).map((r) => r.op)).toEqual(['create', 'delete'])
  })
})
