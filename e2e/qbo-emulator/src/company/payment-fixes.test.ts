import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import type { TestCompany } from './test-helpers.ts'
import { entityOf, faultCode, testCompany } from './test-helpers.ts'

// A payment fixed after it was recorded, as an app sends it (§3.4, §4.2, §4.3): applied later and across
// invoices by a sparse update of its lines, deleted with its Id and SyncToken, and refused when its token is stale.
async function invoice(t: TestCompany, amount: number): Promise<Json> {
  return entityOf(
    await t.post('/invoice', {
      CustomerRef: { value: '1' },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '2' } } }],
    }),
    'Invoice',
  )
}
const apply = (id: unknown, Amount: number) => ({ Amount, LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] })
const read = async (t: TestCompany, entity: string, id: unknown) =>
  entityOf(await t.get(`/${entity.toLowerCase()}/${String(id)}`), entity)
// The recorded request of an unapplied payment (fixtures/qbo/payment/create-unapplied.nango.json).
const credit = async (t: TestCompany) =>
  entityOf(await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100 }), 'Payment')

describe('A payment fixed after it was recorded', () => {
  it('an unapplied credit applied later across two invoices: UnappliedAmt 0, both balances and LinkedTxn follow', async () => {
    const t = testCompany()
    const a = await invoice(t, 60)
    const b = await invoice(t, 80)
    const p = await credit(t)
    expect(p).toMatchObject({ UnappliedAmt: 100, Line: [], SyncToken: '0' })
    const r = await t.post('/payment', {
      Id: p.Id,
      SyncToken: p.SyncToken,
      sparse: true,
      Line: [apply(a.Id, 60), apply(b.Id, 40)],
    })
    expect(entityOf(r, 'Payment')).toMatchObject({ TotalAmt: 100, UnappliedAmt: 0, SyncToken: '1' })
    expect(await read(t, 'Invoice', a.Id)).toMatchObject({
      Balance: 0,
      LinkedTxn: [{ TxnId: p.Id, TxnType: 'Payment' }],
    })
    expect(await read(t, 'Invoice', b.Id)).toMatchObject({
      Balance: 40,
      LinkedTxn: [{ TxnId: p.Id, TxnType: 'Payment' }],
    })
  })

  it('a partly applied payment keeps its first line only if it is sent again: lines are replaced as a whole', async () => {
    const t = testCompany()
    const a = await invoice(t, 60)
    const b = await invoice(t, 80)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 60)] }),
      'Payment',
    )
    const both = entityOf(
      await t.post('/payment', {
        Id: p.Id,
        SyncToken: p.SyncToken,
        sparse: true,
        Line: [apply(a.Id, 60), apply(b.Id, 40)],
      }),
      'Payment',
    )
    expect(both.UnappliedAmt).toBe(0)
    expect([(await read(t, 'Invoice', a.Id)).Balance, (await read(t, 'Invoice', b.Id)).Balance]).toEqual([0, 40])
  })

  it('an edit of amount, date and reference leaves the lines alone when Line is not sent', async () => {
    const t = testCompany()
    const a = await invoice(t, 60)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 60, Line: [apply(a.Id, 60)] }),
      'Payment',
    )
    const r = entityOf(
      await t.post('/payment', {
        Id: p.Id,
        SyncToken: p.SyncToken,
        sparse: true,
        TotalAmt: 75,
        TxnDate: '2026-03-02',
        PaymentRefNum: '1002',
      }),
      'Payment',
    )
    expect(r).toMatchObject({ TotalAmt: 75, UnappliedAmt: 15, TxnDate: '2026-03-02', PaymentRefNum: '1002' })
    expect(r.Line).toMatchObject([apply(a.Id, 60)])
    expect((await read(t, 'Invoice', a.Id)).Balance).toBe(0)
  })

  it('refuses an update that applies more than an invoice has open, leaving the payment as it was', async () => {
    const t = testCompany()
    const a = await invoice(t, 60)
    const p = await credit(t)
    const r = await t.post('/payment', { Id: p.Id, SyncToken: p.SyncToken, sparse: true, Line: [apply(a.Id, 61)] })
    expect(faultCode(r)).toBe('6000')
    expect(await read(t, 'Payment', p.Id)).toMatchObject({ SyncToken: '0', UnappliedAmt: 100 })
    expect((await read(t, 'Invoice', a.Id)).Balance).toBe(60)
  })

  it('refuses an update and a delete with a stale SyncToken (5010); the fresh token deletes it', async () => {
    const t = testCompany()
    const a = await invoice(t, 60)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 60, Line: [apply(a.Id, 60)] }),
      'Payment',
    )
    await t.post('/payment', { Id: p.Id, SyncToken: '0', sparse: true, PrivateNote: 'Checked by the office' })
    const update = await t.post('/payment', { Id: p.Id, SyncToken: '0', sparse: true, TotalAmt: 70 })
    const del = await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: '0' })
    for (const r of [update, del]) {
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe('5010')
    }
    expect(await read(t, 'Payment', p.Id)).toMatchObject({ SyncToken: '1', TotalAmt: 60 })
    expect((await read(t, 'Invoice', a.Id)).Balance).toBe(0)
    const gone = await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: '1' })
    expect(entityOf(gone, 'Payment')).toEqual({ domain: 'QBO', status: 'Deleted', Id: p.Id })
    expect((await read(t, 'Invoice', a.Id)).Balance).toBe(60)
  })

  it('a delete without a SyncToken is refused as a missing field', async () => {
    const t = testCompany()
    const p = await credit(t)
    expect(faultCode(await t.post('/payment?operation=delete', { Id: p.Id }))).toBe('2020')
    expect(await read(t, 'Payment', p.Id)).toMatchObject({ Id: p.Id })
  })
})
