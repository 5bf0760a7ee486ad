import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import type { TestCompany } from './test-helpers.ts'
import { entityOf, faultCode, REALM, testCompany } from './test-helpers.ts'

// What happens to a payment after it was recorded, and to the invoices it paid (§3.4, §4.4, §6).
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
const cdc = (entities: string, since: string) =>
  `/cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}&minorversion=75`
const sections = (body: Json) => ((body.CDCResponse as Json[])[0]?.QueryResponse ?? []) as Json[]
const balance = async (t: TestCompany, id: unknown) =>
  entityOf(await t.get(`/invoice/${String(id)}`), 'Invoice').Balance

async function paidTwo(t: TestCompany) {
  const a = await invoice(t, 100)
  const b = await invoice(t, 80)
  const p = entityOf(
    await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 180, Line: [apply(a.Id, 100), apply(b.Id, 80)] }),
    'Payment',
  )
  return { a, b, p }
}

describe('Payment edits move invoice balances back', () => {
  it('a sparse update that lowers one application reopens that invoice by the difference', async () => {
    const t = testCompany()
    const { a, b, p } = await paidTwo(t)
    const r = await t.post('/payment', {
      Id: p.Id,
      SyncToken: p.SyncToken,
      sparse: true,
      TotalAmt: 150,
      Line: [apply(a.Id, 70), apply(b.Id, 80)],
    })
    expect(entityOf(r, 'Payment')).toMatchObject({ TotalAmt: 150, UnappliedAmt: 0, SyncToken: '1' })
    expect(await balance(t, a.Id)).toBe(30)
    expect(await balance(t, b.Id)).toBe(0)
  })

  it('a full update that leaves a line out unlinks that invoice; an empty Line unlinks all', async () => {
    const t = testCompany()
    const { a, b, p } = await paidTwo(t)
    const full = { Id: p.Id, SyncToken: p.SyncToken, CustomerRef: { value: '1' }, TotalAmt: 180 }
    const r = entityOf(await t.post('/payment', { ...full, Line: [apply(b.Id, 80)] }), 'Payment')
    expect(r.UnappliedAmt).toBe(100)
    expect(await balance(t, a.Id)).toBe(100)
    expect(entityOf(await t.get(`/invoice/${String(a.Id)}`), 'Invoice').LinkedTxn).toEqual([])
    const r2 = entityOf(await t.post('/payment', { ...full, SyncToken: r.SyncToken, Line: [] }), 'Payment')
    expect(r2.UnappliedAmt).toBe(180)
    expect(await balance(t, b.Id)).toBe(80)
  })

  it('moving money from one invoice to another re-derives both balances and LinkedTxn', async () => {
    const t = testCompany()
    const a = await invoice(t, 100)
    const b = await invoice(t, 100)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 100)] }),
      'Payment',
    )
    await t.post('/payment', { Id: p.Id, SyncToken: p.SyncToken, sparse: true, Line: [apply(b.Id, 100)] })
    expect(entityOf(await t.get(`/invoice/${String(a.Id)}`), 'Invoice')).toMatchObject({ Balance: 100, LinkedTxn: [] })
    expect(entityOf(await t.get(`/invoice/${String(b.Id)}`), 'Invoice')).toMatchObject({
      Balance: 0,
      LinkedTxn: [{ TxnId: p.Id, TxnType: 'Payment' }],
    })
  })
})

describe('Payment delete and void', () => {
  it('a deleted payment is gone: reads and updates get 610, CDC answers a Deleted stub, the invoices reopen', async () => {
    const t = testCompany()
    const since = '2026-03-01T10:00:00-08:00'
    const { a, b, p } = await paidTwo(t)
    t.clock.advance(60_000)
    const del = await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: p.SyncToken })
    expect(del.body.Payment).toEqual({ domain: 'QBO', status: 'Deleted', Id: p.Id })
    const read = await t.get(`/payment/${String(p.Id)}`)
    expect(faultCode(read)).toBe('610')
    expect(JSON.stringify(read.body)).toContain('Another user has deleted this transaction')
    expect(faultCode(await t.post('/payment', { Id: p.Id, SyncToken: '0', sparse: true, TotalAmt: 1 }))).toBe('610')
    expect(faultCode(await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: '0' }))).toBe('610')
    expect(await balance(t, a.Id)).toBe(100)
    expect(await balance(t, b.Id)).toBe(80)
    const [invoices, payments] = sections((await t.get(cdc('Invoice,Payment', since))).body)
    expect((invoices?.Invoice as Json[]).map((i) => [i.Id, i.Balance])).toEqual([
      [a.Id, 100],
      [b.Id, 80],
    ])
    expect(payments?.Payment).toEqual([
      { domain: 'QBO', status: 'Deleted', Id: p.Id, MetaData: { LastUpdatedTime: '2026-03-01T10:01:00-08:00' } },
    ])
    expect(t.events.filter((e) => e.entity === 'Payment').map((e) => [e.operation, e.id])).toEqual([
      ['Create', p.Id],
      ['Delete', p.Id],
    ])
  })

  it('a voided payment stays, zeroed, as an ordinary update in CDC, with a Void notice', async () => {
    const t = testCompany()
    const since = '2026-03-01T10:00:00-08:00'
    const { a, p } = await paidTwo(t)
    await t.post('/payment?operation=update&include=void', { Id: p.Id, SyncToken: p.SyncToken, sparse: true })
    const [, payments] = sections((await t.get(cdc('Invoice,Payment', since))).body)
    expect((payments?.Payment as Json[])[0]).toMatchObject({ Id: p.Id, TotalAmt: 0, SyncToken: '1' })
    expect(await balance(t, a.Id)).toBe(100)
    expect(t.events.at(-3)).toMatchObject({ entity: 'Payment', operation: 'Void', id: p.Id })
  })
})

describe('Payments a bank deposit holds', () => {
  it('refuses update, void and delete with 6540 until the deposit lets go; bookkeeper edits too', async () => {
    const t = testCompany()
    const { p } = await paidTwo(t)
    const held = t.companies.bookkeeperDeposit(REALM, [String(p.Id)])
    expect(held.ok).toBe(true)
    const tries = [
      t.post('/payment', { Id: p.Id, SyncToken: p.SyncToken, sparse: true, PrivateNote: 'x' }),
      t.post('/payment?operation=update&include=void', { Id: p.Id, SyncToken: p.SyncToken, sparse: true }),
      t.post('/payment?operation=delete', { Id: p.Id, SyncToken: p.SyncToken }),
    ]
    for (const r of await Promise.all(tries)) {
      expect(r.status).toBe(400)
      expect(r.body.Fault).toMatchObject({
        type: 'ValidationFault',
        Error: [{ code: '6540', Message: 'Deposited Transaction cannot be changed' }],
      })
    }
    expect(t.companies.bookkeeperEdit(REALM, 'Payment', String(p.Id), { PrivateNote: 'x' })).toMatchObject({
      ok: false,
      error: { errors: [{ code: '6540' }] },
    })
    expect(t.companies.snapshot(REALM)?.depositedPayments).toEqual([p.Id])
    expect(t.companies.bookkeeperDeposit(REALM, [String(p.Id)], false).ok).toBe(true)
    expect(
      entityOf(await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: p.SyncToken }), 'Payment'),
    ).toMatchObject({ status: 'Deleted' })
  })

  it('deposits only payments that exist', () => {
    const t = testCompany()
    expect(t.companies.bookkeeperDeposit(REALM, ['99999'])).toMatchObject({
      ok: false,
      error: { errors: [{ code: '610' }] },
    })
  })
})
