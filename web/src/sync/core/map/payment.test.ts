import { describe, expect, it } from 'vitest'
import { QboPayment, QboPaymentResponse, QboQueryResponse } from '#shared/qbo/index.ts'
import { hasPaymentKey, paymentKey, paymentToQbo, qboToPayment, withPaymentKey, type PaymentFields } from './payment.ts'
import { resolverFrom } from './refs.ts'
import {
  paymentCreateUnapplied as createdUnapplied,
  paymentReadUnapplied as readUnapplied,
  paymentUpdateLinkedToInvoiceLineex as updated,
  paymentQueryLinkedToInvoices as queried,
} from '../../test-support/qbo-fixtures.ts'
import { testLocalId } from '../../test-support/local-ids.ts'

const named = {
  amy: testLocalId(1),
  bill: testLocalId(2),
  ocean: testLocalId(3),
  inv1031: testLocalId(4),
  inv1025: testLocalId(5),
  'new-invoice': testLocalId(6),
}
const id = (name: keyof typeof named) => named[name]
// Mapping table of the recorded sandbox company, as far as these payments need it.
const links: Record<string, string> = {
  'contact:1': named.amy,
  'contact:2': named.bill,
  'contact:8': named.ocean,
  'invoice:96': named.inv1031,
  'invoice:71': named.inv1025,
}
const localIdOf = (kind: string, qboId: string) => links[`${kind}:${qboId}`]
const qboIdOf: Record<string, string> = Object.fromEntries(
  Object.entries(links).map(([k, v]) => [`${k.split(':')[0]}:${v}`, k.split(':')[1]!]),
)
const ref = resolverFrom((r) => qboIdOf[`${r.kind}:${r.localId}`])
const queryPayments = (QboQueryResponse.parse(queried).QueryResponse as { Payment: unknown[] }).Payment.map((p) =>
  QboPayment.parse(p),
)
const byId = (i: string) => queryPayments.find((p) => p.Id === i)!

describe('qboToPayment (recorded payments)', () => {
  it.each<[string, QboPayment, PaymentFields]>([
    [
      'an unapplied payment (a credit)',
      QboPaymentResponse.parse(readUnapplied).Payment,
      { contactId: id('bill'), date: '2026-05-05', amount: 10000, applications: [] },
    ],
    [
      'a payment applied to one invoice, with its memo',
      QboPaymentResponse.parse(updated).Payment,
      {
        contactId: id('ocean'),
        date: '2026-04-08',
        amount: 38700,
        applications: [{ invoiceId: id('inv1031'), amount: 38700 }],
        memo: 'Updated via Nango - third update',
      },
    ],
  ])('%s', (_n, q, expected) => {
    expect(qboToPayment(q, localIdOf)).toStrictEqual({ ok: true, value: { value: expected, warnings: [] } })
  })

  it('keeps a check number as the reference', () => {
    expect(qboToPayment(byId('31'), localIdOf)).toMatchObject({
      ok: true,
      value: { value: { reference: '6552', amount: 10800 } },
    })
  })

  it('shows an application to an invoice not linked here as unapplied, with a warning', () => {
    expect(qboToPayment(byId('72'), (k, q) => (k === 'contact' ? links[`${k}:${q}`] : undefined))).toMatchObject({
      ok: true,
      value: { value: { amount: 10500, applications: [] }, warnings: [{ field: 'Line' }] },
    })
  })

  it('refuses a payment whose customer is not linked, and one that moves no money (a credit memo applied)', () => {
    expect(qboToPayment(byId('120'), localIdOf)).toMatchObject({ ok: false, error: { field: 'CustomerRef' } })
    expect(qboToPayment(byId('74'), localIdOf)).toMatchObject({ ok: false, error: { field: 'TotalAmt' } })
  })
})

describe('paymentToQbo', () => {
  it('builds the recorded create request of an unapplied payment (plus its date)', () => {
    const q = QboPaymentResponse.parse(createdUnapplied).Payment
    const back = qboToPayment(q, localIdOf)
    if (!back.ok) throw new Error(back.error.message)
    // Recorded request: {"CustomerRef": {"value": "1"}, "TotalAmt": 100}
    expect(paymentToQbo(back.value.value, { ref, depositAccountId: undefined })).toStrictEqual({
      ok: true,
      value: { value: { CustomerRef: { value: '1' }, TotalAmt: 100, TxnDate: '2026-05-05' }, warnings: [] },
    })
  })

  it('links each application to its invoice, and deposits to the account from settings', () => {
    const r = paymentToQbo(
      {
        contactId: id('ocean'),
        date: '2026-04-08',
        amount: 40000,
        reference: ' 1053 ',
        memo: 'thanks',
        applications: [
          { invoiceId: id('inv1031'), amount: 38700 },
          { invoiceId: id('new-invoice'), amount: 1300 },
        ],
      },
      { ref, depositAccountId: '35' },
    )
    expect(r).toStrictEqual({
      ok: true,
      value: {
        value: {
          CustomerRef: { value: '8' },
          TotalAmt: 400,
          TxnDate: '2026-04-08',
          PaymentRefNum: '1053',
          DepositToAccountRef: { value: '35' },
          PrivateNote: 'thanks',
          Line: [
            { Amount: 387, LinkedTxn: [{ TxnId: '96', TxnType: 'Invoice' }] },
            { Amount: 13, LinkedTxn: [{ TxnId: `@@ref:invoice:${named['new-invoice']}`, TxnType: 'Invoice' }] },
          ],
        },
        warnings: [],
      },
    })
  })

  it('refuses applications larger than the payment', () => {
    expect(
      paymentToQbo(
        {
          contactId: id('ocean'),
          date: '2026-04-08',
          amount: 100,
          applications: [{ invoiceId: id('inv1031'), amount: 101 }],
        },
        { ref },
      ),
    ).toMatchObject({ ok: false, error: { field: 'Line' } })
  })
})

describe('the payment key, which finds a payment again after a lost answer', () => {
  const localId = '0b7c2f7e-52a5-4f4e-9a0e-3c6e1d2b9f10'

  it('goes on the last line of PrivateNote, alone or after the memo, and is recognised there', () => {
    expect(withPaymentKey({ TotalAmt: 10 }, localId).PrivateNote).toBe(`Fieldsync payment ${localId}`)
    const note = withPaymentKey({ TotalAmt: 10, PrivateNote: 'Paid at the door' }, localId).PrivateNote
    expect(note).toBe(`Paid at the door\nFieldsync payment ${localId}`)
    expect(hasPaymentKey(note, localId)).toBe(true)
    expect(hasPaymentKey(`Voided ${note}`, localId)).toBe(true)
    expect(hasPaymentKey(note, '0b7c2f7e-52a5-4f4e-9a0e-3c6e1d2b9f11')).toBe(false)
    expect(hasPaymentKey(`Paid with ${paymentKey(localId)}x`, localId)).toBe(false)
    expect(hasPaymentKey(undefined, localId)).toBe(false)
  })

  it('cuts a long memo so memo and key fit in 4000 characters', () => {
    const note = withPaymentKey({ TotalAmt: 10, PrivateNote: 'x'.repeat(4000) }, localId).PrivateNote!
    expect(note).toHaveLength(4000)
    expect(note.endsWith(`\n${paymentKey(localId)}`)).toBe(true)
  })

  it('is left out of the memo read back', () => {
    const q = QboPayment.parse({
      ...QboPaymentResponse.parse(updated).Payment,
      PrivateNote: `thanks\n${paymentKey(localId)}`,
    })
    expect(qboToPayment(q, localIdOf)).toMatchObject({ ok: true, value: { value: { memo: 'thanks' } } })
    const bare = QboPayment.parse({ ...q, PrivateNote: paymentKey(localId) })
    const back = qboToPayment(bare, localIdOf)
    expect(back.ok && back.value.value.memo).toBeUndefined()
  })
})
