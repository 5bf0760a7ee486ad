// A payment held as unverified gets out only through the user's answer: linked to the QuickBooks payment they
// pick, or sent again as a new request. Neither path may record it twice or lose an edit made meanwhile.
import { describe, expect, it } from 'vitest'
import { updatePaymentDetails } from '../db/index.ts'
import { heldPayments, resendHeldPayment } from '../db/sync-requests.ts'
import { unwrap } from '../db/test-db.ts'
import { heldPaymentChoices, linkHeldPayment } from './held-payments.ts'
import { push } from './push.ts'
import { unansweredLegacyPayment, world } from './test-support/runner-world.ts'
import { LocalId, QboId } from '#shared/ids.ts'

/** A payment whose create went out unanswered before creates carried the app's key, long enough ago to be held. */
async function held() {
  const w = await world()
  const { db, qbo, deps } = w
  const { pay, claimed } = await unansweredLegacyPayment(w)
  await push(deps())
  expect(await heldPayments(db)).toEqual([pay.id])
  const [lost] = [...qbo.entities.Payment.values()]
  const customerId = (lost!['CustomerRef'] as { value: string }).value
  return { ...w, pay, lost: lost!, customerId, requestId: claimed.requestId! }
}

describe('a payment held as unverified', () => {
  it("offers the customer's QuickBooks payments of that amount within a week of its date, nearest first", async () => {
    const { qbo, deps, pay, lost, customerId } = await held()
    const near = qbo.add('Payment', {
      CustomerRef: { value: customerId },
      TxnDate: '2025-03-19',
      TotalAmt: 100,
      PaymentRefNum: '2231',
    })
    qbo.add('Payment', { CustomerRef: { value: customerId }, TxnDate: '2025-03-15', TotalAmt: 99.99 })
    qbo.add('Payment', { CustomerRef: { value: customerId }, TxnDate: '2025-03-25', TotalAmt: 100 })
    qbo.add('Payment', { CustomerRef: { value: 'other' }, TxnDate: '2025-03-15', TotalAmt: 100 })
    const r = await heldPaymentChoices(deps(), pay.id)
    expect(r).toEqual({
      ok: true,
      value: [
        // The lost create carried the app's key after all: its note helps the user tell.
        { qboId: lost.Id, date: '2025-03-15', amount: 10_000, note: `Fieldsync payment ${pay.id}` },
        { qboId: near.Id, date: '2025-03-19', amount: 10_000, reference: '2231' },
      ],
    })
  })

  it('links to the payment the user picks: the hold is settled and nothing is sent for it', async () => {
    const { db, qbo, deps, pay, lost } = await held()
    expect(await linkHeldPayment(deps(), { localId: pay.id, qboId: lost.Id! })).toEqual({
      ok: true,
      value: { qboId: lost.Id },
    })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.mappings.get(['payment', pay.id])).toMatchObject({
      qboId: lost.Id,
      syncedVersion: pay.version,
      status: 'synced',
    })
    const writes = qbo.calls.filter((c) => c.kind === 'write' || c.kind === 'batch').length
    await push(deps())
    expect(qbo.calls.filter((c) => c.kind === 'write' || c.kind === 'batch')).toHaveLength(writes)
    expect(qbo.entities.Payment.size).toBe(1)
    expect((await db.syncLog.toArray()).at(-1)?.details).toMatch(/you confirmed it is the payment sent earlier/)
  })

  it('keeps an edit made while held: after the link it goes to that payment as an update', async () => {
    const { db, qbo, deps, pay, lost } = await held()
    unwrap(await updatePaymentDetails(db, pay.id, { reference: '1042' }))
    unwrap(await linkHeldPayment(deps(), { localId: pay.id, qboId: lost.Id! }))
    await push(deps())
    expect(qbo.entities.Payment.size).toBe(1)
    expect(qbo.entities.Payment.get(lost.Id!)).toMatchObject({ PaymentRefNum: '1042' })
    expect(await db.outbox.count()).toBe(0)
  })

  it("refuses another customer's payment, and one linked to another payment here, and stays held", async () => {
    const { db, qbo, deps, pay } = await held()
    const theirs = qbo.add('Payment', { CustomerRef: { value: 'other' }, TxnDate: '2025-03-15', TotalAmt: 100 })
    expect(await linkHeldPayment(deps(), { localId: pay.id, qboId: theirs.Id! })).toMatchObject({
      ok: false,
      error: { code: 'wrong-customer' },
    })
    const mine = (await db.mappings.toArray()).find((m) => m.kind === 'invoice')!
    await db.mappings.put({
      ...mine,
      kind: 'payment',
      localId: LocalId.parse('00000000-0000-4000-8000-0000000000aa'),
      qboId: QboId.parse(theirs.Id),
    })
    expect(await linkHeldPayment(deps(), { localId: pay.id, qboId: theirs.Id! })).toMatchObject({
      ok: false,
      error: { code: 'already-linked' },
    })
    expect(await heldPayments(db)).toEqual([pay.id])
  })

  it('is sent again as a new request once the user says QuickBooks does not have it', async () => {
    const { db, qbo, deps, pay, lost, requestId } = await held()
    qbo.entities.Payment.delete(lost.Id!) // checked in QuickBooks: not there (say the lost call never landed)
    qbo.forgetRequestIds = false
    unwrap(await updatePaymentDetails(db, pay.id, { reference: '1042' }))
    expect(await resendHeldPayment(db, pay.id)).toBe(true)
    const rows = await db.outbox.toArray()
    expect(rows).toMatchObject([{ kind: 'payment', op: 'create', version: pay.version + 1, attempts: 0 }])
    expect([rows[0]!.requestId, rows[0]!.batchId, rows[0]!.lastError]).toEqual([undefined, undefined, undefined])
    expect(await heldPayments(db)).toEqual([])

    await push(deps())
    expect(await db.outbox.count()).toBe(0)
    const [created] = [...qbo.entities.Payment.values()]
    expect(created).toMatchObject({ PaymentRefNum: '1042', TotalAmt: 100 })
    const sent = qbo.calls.filter((c) => c.kind === 'write' || c.kind === 'batch').at(-1)!
    expect(sent.requestId).not.toBe(requestId)
    expect(await resendHeldPayment(db, pay.id)).toBe(false)
  })
})
