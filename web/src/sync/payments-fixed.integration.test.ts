/**
 * Payments fixed after they were recorded, pushed to the emulator: a credit applied later and across invoices,
 * an edit after it was sent, and a deletion, with QuickBooks' balances checked on its side.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Contact, Invoice } from '#shared/domain/index.ts'
import { createContact, createInvoices, createItem, getInvoice, recordPayment } from '../db/index.ts'
import { deletePayment, editPayment } from '../db/payments.ts'
import { unwrap } from '../db/test-db.ts'
import { push } from './push.ts'
import type { QboEntity, QboGateway } from './ports.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const accounts = { income: '1' }

async function twoInvoices(): Promise<{ c: Contact; a: Invoice; b: Invoice }> {
  const c = unwrap(await createContact(w.db, { givenName: 'Rosa', familyName: 'Ibarra' }))
  const item = unwrap(await createItem(w.db, { name: 'Heater flush', unitPrice: 5_000 }))
  const line = (qty: number) => ({ itemId: item.id, name: 'Heater flush', qty: qty * 1000, unitPrice: 5_000 })
  const [a, b] = unwrap(
    await createInvoices(w.db, [
      { contactId: c.id, lines: [line(12)], finalize: true },
      { contactId: c.id, lines: [line(5)], finalize: true },
    ]),
  )
  return { c, a: a!, b: b! }
}

const qboIdOf = async (kind: 'invoice' | 'payment', localId: string) =>
  (await w.db.mappings.get([kind, localId as never]))?.qboId
async function inQbo(entity: 'Invoice' | 'Payment', id: string | undefined): Promise<QboEntity | undefined> {
  return (await w.entities(entity)).find((e) => e.Id === id)
}

describe('payments fixed after they reached QuickBooks', () => {
  it('a credit applied later, across two invoices, arrives as one line per invoice and both balances follow', async () => {
    const { c, a, b } = await twoInvoices()
    const pay = unwrap(
      await recordPayment(w.db, { contactId: c.id, date: '2026-03-01', amount: 70_000, applications: [] }),
    )
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ failed: 0 })
    const qboPay = await qboIdOf('payment', pay.id)
    expect(await inQbo('Payment', qboPay)).toMatchObject({ UnappliedAmt: 700, SyncToken: '0' })

    unwrap(
      await editPayment(w.db, pay.id, {
        applications: [
          { invoiceId: a.id, amount: 60_000 },
          { invoiceId: b.id, amount: 10_000 },
        ],
      }),
    )
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })

    const [qa, qb] = [await qboIdOf('invoice', a.id), await qboIdOf('invoice', b.id)]
    expect(await inQbo('Payment', qboPay)).toMatchObject({
      TotalAmt: 700,
      UnappliedAmt: 0,
      SyncToken: '1',
      Line: [
        { Amount: 600, LinkedTxn: [{ TxnId: qa, TxnType: 'Invoice' }] },
        { Amount: 100, LinkedTxn: [{ TxnId: qb, TxnType: 'Invoice' }] },
      ],
    })
    expect(await inQbo('Invoice', qa)).toMatchObject({ Balance: 0, LinkedTxn: [{ TxnId: qboPay, TxnType: 'Payment' }] })
    expect(await inQbo('Invoice', qb)).toMatchObject({ Balance: 150 })
    expect([(await getInvoice(w.db, a.id))?.balance, (await getInvoice(w.db, b.id))?.balance]).toEqual([0, 15_000])
    expect(await w.db.outbox.count()).toBe(0)
  })

  it('an edit after it was sent goes as a sparse update with the SyncToken, amount, date, reference included', async () => {
    const { c, a } = await twoInvoices()
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 20_000,
        method: 'check',
        reference: '1001',
        applications: [{ invoiceId: a.id, amount: 20_000 }],
      }),
    )
    await push(w.deps({ accounts }))
    unwrap(
      await editPayment(w.db, pay.id, {
        amount: 25_000,
        date: '2026-03-02',
        reference: '1002',
        applications: [{ invoiceId: a.id, amount: 25_000 }],
      }),
    )
    // One op goes as a single write, several as a batch: both are recorded as batch items would read.
    const sent: { operation: string; Payment?: object }[] = []
    const gateway: QboGateway = {
      ...w.gateway,
      write: (entity, operation, body, id) => {
        sent.push({ operation, [entity]: body })
        return w.gateway.write(entity, operation, body, id)
      },
      batch: (items, id) => {
        sent.push(...items)
        return w.gateway.batch(items, id)
      },
    }
    expect((await push(w.deps({ accounts, gateway }))).summary).toMatchObject({ synced: 1, failed: 0 })
    const qboPay = await qboIdOf('payment', pay.id)
    expect(sent).toMatchObject([
      {
        operation: 'update',
        Payment: {
          Id: qboPay,
          SyncToken: '0',
          sparse: true,
          TotalAmt: 250,
          TxnDate: '2026-03-02',
          PaymentRefNum: '1002',
        },
      },
    ])
    // Only what changed: the customer and the deposit account are left as QuickBooks has them.
    expect(sent[0]?.Payment).not.toHaveProperty('CustomerRef')
    expect(await inQbo('Payment', qboPay)).toMatchObject({
      TotalAmt: 250,
      TxnDate: '2026-03-02',
      PaymentRefNum: '1002',
    })
    expect(await inQbo('Invoice', await qboIdOf('invoice', a.id))).toMatchObject({ Balance: 350 })
  })

  it('a sent payment deleted here is deleted in QuickBooks, and the invoice balance is back on both sides', async () => {
    const { c, a } = await twoInvoices()
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 60_000,
        applications: [{ invoiceId: a.id, amount: 60_000 }],
      }),
    )
    await push(w.deps({ accounts }))
    const qboPay = await qboIdOf('payment', pay.id)
    const qa = await qboIdOf('invoice', a.id)
    expect(await inQbo('Invoice', qa)).toMatchObject({ Balance: 0 })

    unwrap(await deletePayment(w.db, pay.id))
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })
    expect(await inQbo('Payment', qboPay)).toBeUndefined()
    expect(await inQbo('Invoice', qa)).toMatchObject({ Balance: 600, LinkedTxn: [] })
    expect((await getInvoice(w.db, a.id))?.balance).toBe(60_000)
    expect(await w.db.mappings.get(['payment', pay.id])).toMatchObject({ status: 'unlinked' })
    expect((await w.db.syncLog.toArray()).map((l) => l.details)).toContain(`Deleted in QuickBooks (Id ${qboPay})`)
  })

  it('a deletion after a bookkeeper changed the payment (stale SyncToken, 5010) re-reads and deletes', async () => {
    const { c } = await twoInvoices()
    const pay = unwrap(
      await recordPayment(w.db, { contactId: c.id, date: '2026-03-01', amount: 5_000, applications: [] }),
    )
    await push(w.deps({ accounts }))
    const qboPay = (await qboIdOf('payment', pay.id))!
    await w.admin('PATCH', `/companies/${w.realmId}/Payment/${qboPay}`, { PrivateNote: 'Checked by the office' })
    unwrap(await deletePayment(w.db, pay.id))
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ failed: 0 })
    expect(await inQbo('Payment', qboPay)).toBeUndefined()
    expect(await w.db.outbox.count()).toBe(0)
  })

  it('a payment deleted before it was ever sent sends nothing', async () => {
    const { c, a } = await twoInvoices()
    await push(w.deps({ accounts }))
    const before = (await w.entities('Payment')).length
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 5_000,
        applications: [{ invoiceId: a.id, amount: 5_000 }],
      }),
    )
    unwrap(await deletePayment(w.db, pay.id))
    expect(await w.db.outbox.count()).toBe(0)
    await push(w.deps({ accounts }))
    expect(await w.entities('Payment')).toHaveLength(before)
    expect((await w.entities('Payment')).some((p) => (p['PrivateNote'] as string | undefined)?.includes(pay.id))).toBe(
      false,
    )
  })
})
