import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import type { TestCompany } from './test-helpers.ts'
import { entityOf, faultCode, testCompany } from './test-helpers.ts'

// Seeded accounts: 3 Checking (Bank), 5 Undeposited Funds, 1 Services (Income).
async function invoice(t: TestCompany, customer: string, amount: number): Promise<Json> {
  return entityOf(
    await t.post('/invoice', {
      CustomerRef: { value: customer },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '2' } } }],
    }),
    'Invoice',
  )
}
const apply = (id: unknown, Amount: number) => ({ Amount, LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] })

describe('Payment rules', () => {
  const cases: { name: string; body: (inv: Json) => Json; code: string }[] = [
    { name: 'no CustomerRef', body: () => ({ TotalAmt: 10 }), code: '2020' },
    { name: 'no TotalAmt', body: () => ({ CustomerRef: { value: '1' } }), code: '6000' },
    { name: 'a negative TotalAmt', body: () => ({ CustomerRef: { value: '1' }, TotalAmt: -5 }), code: '6000' },
    { name: 'an inactive customer', body: () => ({ CustomerRef: { value: '10' }, TotalAmt: 5 }), code: '610' },
    {
      name: 'more applied than received',
      body: (inv) => ({ CustomerRef: { value: '1' }, TotalAmt: 50, Line: [apply(inv.Id, 60)] }),
      code: '6000',
    },
    {
      name: 'overpaying the invoice',
      body: (inv) => ({ CustomerRef: { value: '1' }, TotalAmt: 500, Line: [apply(inv.Id, 200.01)] }),
      code: '6000',
    },
    {
      name: 'the same invoice twice beyond its balance',
      body: (inv) => ({ CustomerRef: { value: '1' }, TotalAmt: 500, Line: [apply(inv.Id, 150), apply(inv.Id, 60)] }),
      code: '6000',
    },
    {
      name: "another customer's invoice",
      body: (inv) => ({ CustomerRef: { value: '2' }, TotalAmt: 50, Line: [apply(inv.Id, 50)] }),
      code: '6000',
    },
    {
      name: 'an invoice that never existed',
      body: () => ({ CustomerRef: { value: '1' }, TotalAmt: 50, Line: [apply('99999', 50)] }),
      code: '6000',
    },
    {
      name: 'a deposit to an income account',
      body: () => ({ CustomerRef: { value: '1' }, TotalAmt: 5, DepositToAccountRef: { value: '1' } }),
      code: '6000',
    },
    {
      name: 'a line without LinkedTxn',
      body: () => ({ CustomerRef: { value: '1' }, TotalAmt: 5, Line: [{ Amount: 5 }] }),
      code: '2020',
    },
  ]
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code}`, async () => {
      const t = testCompany()
      const inv = await invoice(t, '1', 200)
      const r = await t.post('/payment', c.body(inv))
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe(c.code)
      expect(entityOf(await t.get(`/invoice/${inv.Id}`), 'Invoice').Balance).toBe(200)
    })
  }
})

describe('Payment application', () => {
  it('reduces invoice balances through LinkedTxn, computes UnappliedAmt, defaults to Undeposited Funds', async () => {
    const t = testCompany()
    const a = await invoice(t, '1', 200)
    const b = await invoice(t, '1', 80.5)
    const p = entityOf(
      await t.post('/payment', {
        CustomerRef: { value: '1' },
        TotalAmt: 300,
        Line: [apply(a.Id, 150), apply(b.Id, 80.5)],
      }),
      'Payment',
    )
    expect(p).toMatchObject({ TotalAmt: 300, UnappliedAmt: 69.5, DepositToAccountRef: { value: '5' }, SyncToken: '0' })
    const a2 = entityOf(await t.get(`/invoice/${a.Id}`), 'Invoice')
    const b2 = entityOf(await t.get(`/invoice/${b.Id}`), 'Invoice')
    expect([a2.Balance, b2.Balance]).toEqual([50, 0])
    expect(a2.LinkedTxn).toEqual([{ TxnId: p.Id, TxnType: 'Payment' }])
    expect(a2.SyncToken).toBe('1')
    expect(t.events.slice(-3).map((e) => `${e.entity}:${e.operation}`)).toEqual([
      'Payment:Create',
      'Invoice:Update',
      'Invoice:Update',
    ])
  })

  it('accepts a payment with no lines as an unapplied credit, and a deposit to a bank account', async () => {
    const t = testCompany()
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 40, DepositToAccountRef: { value: '3' } }),
      'Payment',
    )
    expect(p).toMatchObject({ UnappliedAmt: 40, Line: [], DepositToAccountRef: { value: '3', name: 'Checking' } })
  })

  it('lets an update re-apply the same money without counting it twice', async () => {
    const t = testCompany()
    const a = await invoice(t, '1', 100)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 100)] }),
      'Payment',
    )
    const p2 = entityOf(
      await t.post('/payment', { Id: p.Id, SyncToken: p.SyncToken, sparse: true, Line: [apply(a.Id, 60)] }),
      'Payment',
    )
    expect(p2.UnappliedAmt).toBe(40)
    expect(entityOf(await t.get(`/invoice/${a.Id}`), 'Invoice').Balance).toBe(40)
  })

  it('reopens invoices when a payment is deleted, and when it is voided', async () => {
    const t = testCompany()
    const a = await invoice(t, '1', 100)
    const b = await invoice(t, '1', 70)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 100)] }),
      'Payment',
    )
    expect((await t.post('/payment?operation=delete', { Id: p.Id, SyncToken: p.SyncToken })).body.Payment).toEqual({
      domain: 'QBO',
      status: 'Deleted',
      Id: p.Id,
    })
    expect(entityOf(await t.get(`/invoice/${a.Id}`), 'Invoice')).toMatchObject({ Balance: 100, LinkedTxn: [] })
    const q = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 70, Line: [apply(b.Id, 70)] }),
      'Payment',
    )
    const v = entityOf(
      await t.post('/payment?operation=update&include=void', { Id: q.Id, SyncToken: q.SyncToken, sparse: true }),
      'Payment',
    )
    expect(v).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, PrivateNote: 'Voided' })
    expect(entityOf(await t.get(`/invoice/${b.Id}`), 'Invoice').Balance).toBe(70)
  })

  it('refuses to delete an invoice that payments are applied to; voiding it unapplies them', async () => {
    const t = testCompany()
    const a = await invoice(t, '1', 100)
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 100)] }),
      'Payment',
    )
    const cur = entityOf(await t.get(`/invoice/${a.Id}`), 'Invoice')
    expect(faultCode(await t.post('/invoice?operation=delete', { Id: a.Id, SyncToken: cur.SyncToken }))).toBe('6000')
    await t.post('/invoice?operation=void', { Id: a.Id, SyncToken: cur.SyncToken })
    expect(entityOf(await t.get(`/payment/${p.Id}`), 'Payment')).toMatchObject({ UnappliedAmt: 100, Line: [] })
  })

  it('voids payments only the documented way (operation=update&include=void), invoices only with operation=void', async () => {
    const t = testCompany()
    const p = entityOf(await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 10 }), 'Payment')
    expect(faultCode(await t.post('/payment?operation=void', { Id: p.Id, SyncToken: p.SyncToken }))).toBe('500')
    const inv = await invoice(t, '1', 10)
    expect(
      faultCode(
        await t.post('/invoice?operation=update&include=void', { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true }),
      ),
    ).toBe('500')
    expect(entityOf(await t.get(`/payment/${p.Id}`), 'Payment').TotalAmt).toBe(10)
  })

  it('refuses to lower an invoice total below what is already paid on it', async () => {
    const t = testCompany()
    const a = await invoice(t, '1', 100)
    await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(a.Id, 100)] })
    const cur = entityOf(await t.get(`/invoice/${a.Id}`), 'Invoice')
    const r = await t.post('/invoice', {
      Id: a.Id,
      SyncToken: cur.SyncToken,
      sparse: true,
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 90, SalesItemLineDetail: { ItemRef: { value: '2' } } }],
    })
    expect(faultCode(r)).toBe('6000')
  })
})
