// Full updates (no `sparse`): every writable field omitted is cleared, the sent lines replace the set,
// and totals, balances and payment links are derived again (docs/quickbooks.md §3.3, §3.4, §4.2).
import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, testCompany } from './test-helpers.ts'

const line = (item: string, Qty: number, UnitPrice: number) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: Math.round(Qty * UnitPrice * 100) / 100,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty, UnitPrice, TaxCodeRef: { value: 'NON' } },
})
const apply = (id: unknown, Amount: number) => ({ Amount, LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] })

describe('full update of an Invoice', () => {
  it('clears omitted fields, replaces the lines (keeping known line Ids), recomputes totals and keeps its number', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        PrivateNote: 'Call first',
        CustomerMemo: { value: 'Thanks!' },
        DueDate: '2026-04-15',
        Line: [line('1', 1, 89), line('2', 2, 115)],
      }),
      'Invoice',
    )
    const first = (inv.Line as Json[])[0]!
    const upd = entityOf(
      await t.post('/invoice', {
        Id: inv.Id,
        SyncToken: inv.SyncToken,
        CustomerRef: { value: '1' },
        Line: [
          { ...first, Amount: 178, SalesItemLineDetail: { ...(first.SalesItemLineDetail as Json), Qty: 2 } },
          line('3', 1, 172.5),
        ],
      }),
      'Invoice',
    )
    expect(upd).toMatchObject({
      Id: inv.Id,
      SyncToken: '1',
      DocNumber: inv.DocNumber,
      TotalAmt: 350.5,
      Balance: 350.5,
      DueDate: '2026-03-31',
    })
    expect(upd.PrivateNote).toBeUndefined()
    expect(upd.CustomerMemo).toBeUndefined()
    expect((upd.Line as Json[]).map((l) => [l.Id, l.DetailType, l.Amount])).toEqual([
      ['1', 'SalesItemLineDetail', 178],
      ['3', 'SalesItemLineDetail', 172.5],
      [undefined, 'SubTotalLineDetail', 350.5],
    ])
    expect(entityOf(await t.get(`/invoice/${String(inv.Id)}`), 'Invoice')).toEqual(upd)
  })

  it('keeps the balance net of payments when the total changes', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 2, 89)] }), 'Invoice')
    await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 100, Line: [apply(inv.Id, 100)] })
    const cur = entityOf(await t.get(`/invoice/${String(inv.Id)}`), 'Invoice')
    const upd = entityOf(
      await t.post('/invoice', {
        Id: inv.Id,
        SyncToken: cur.SyncToken,
        CustomerRef: { value: '1' },
        Line: [line('1', 3, 89)],
      }),
      'Invoice',
    )
    expect([upd.TotalAmt, upd.Balance, upd.LinkedTxn]).toEqual([267, 167, cur.LinkedTxn])
  })
})

describe('full update of a Payment', () => {
  it('replaces the lines: the invoice no longer sent reopens, the new one is paid down, omitted fields are cleared', async () => {
    const t = testCompany()
    const a = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89)] }), 'Invoice')
    const b = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('2', 1, 115)] }), 'Invoice')
    const p = entityOf(
      await t.post('/payment', {
        CustomerRef: { value: '1' },
        TotalAmt: 89,
        PrivateNote: 'Check 1042',
        PaymentRefNum: '1042',
        Line: [apply(a.Id, 89)],
      }),
      'Payment',
    )
    const upd = entityOf(
      await t.post('/payment', {
        Id: p.Id,
        SyncToken: p.SyncToken,
        CustomerRef: { value: '1' },
        TotalAmt: 100,
        Line: [apply(b.Id, 60)],
      }),
      'Payment',
    )
    expect(upd).toMatchObject({
      SyncToken: '1',
      TotalAmt: 100,
      UnappliedAmt: 40,
      Line: [apply(b.Id, 60)],
      DepositToAccountRef: { value: '5' },
    })
    expect(upd.PrivateNote).toBeUndefined()
    expect(upd.PaymentRefNum).toBeUndefined()
    expect(entityOf(await t.get(`/invoice/${String(a.Id)}`), 'Invoice')).toMatchObject({ Balance: 89, LinkedTxn: [] })
    expect(entityOf(await t.get(`/invoice/${String(b.Id)}`), 'Invoice')).toMatchObject({
      Balance: 55,
      LinkedTxn: [{ TxnId: p.Id, TxnType: 'Payment' }],
    })
  })

  it('with no Line at all leaves the whole amount unapplied and every invoice open', async () => {
    const t = testCompany()
    const a = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89)] }), 'Invoice')
    const p = entityOf(
      await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 89, Line: [apply(a.Id, 89)] }),
      'Payment',
    )
    const upd = entityOf(
      await t.post('/payment', { Id: p.Id, SyncToken: p.SyncToken, CustomerRef: { value: '1' }, TotalAmt: 89 }),
      'Payment',
    )
    expect([upd.UnappliedAmt, upd.Line]).toEqual([89, []])
    expect(entityOf(await t.get(`/invoice/${String(a.Id)}`), 'Invoice').Balance).toBe(89)
  })
})
