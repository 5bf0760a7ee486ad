import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, faultCode, testCompany } from './test-helpers.ts'

// Seeded: customer 1 Amy Chen (active, taxable), 10 Tom Nguyen (inactive); items 1 Service Call
// (89), 8 PEX Pipe (1.35), 10 Ball Valve (18.5), 14 inactive; tax code 2 = California 7.25 % +
// Sacramento County 1.5 %.
const line = (item: string, Qty: number, UnitPrice: number, Amount: number, tax = 'NON') => ({
  DetailType: 'SalesItemLineDetail',
  Amount,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty, UnitPrice, TaxCodeRef: { value: tax } },
})

describe('Invoice rules', () => {
  const cases: { name: string; body: Json; code: string }[] = [
    { name: 'no CustomerRef', body: { Line: [line('1', 1, 89, 89)] }, code: '2020' },
    { name: 'a property Intuit does not know (the recorded {"BadJson": true})', body: { BadJson: true }, code: '2010' },
    { name: 'no Line', body: { CustomerRef: { value: '1' } }, code: '2020' },
    { name: 'an empty Line', body: { CustomerRef: { value: '1' }, Line: [] }, code: '2020' },
    { name: 'only a SubTotalLine', body: { CustomerRef: { value: '1' }, Line: [{ DetailType: 'SubTotalLineDetail', Amount: 5, SubTotalLineDetail: {} }] }, code: '2020' },
    { name: 'a line without Amount', body: { CustomerRef: { value: '1' }, Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }] }, code: '2020' },
    { name: 'an Amount that is not Qty × UnitPrice', body: { CustomerRef: { value: '1' }, Line: [line('1', 2, 89, 170)] }, code: '6000' },
    { name: 'an unknown DetailType', body: { CustomerRef: { value: '1' }, Line: [{ DetailType: 'FancyLine', Amount: 1 }] }, code: '2170' },
    { name: 'an unknown customer', body: { CustomerRef: { value: '9999' }, Line: [line('1', 1, 89, 89)] }, code: '2500' },
    { name: 'an inactive customer', body: { CustomerRef: { value: '10' }, Line: [line('1', 1, 89, 89)] }, code: '610' },
    { name: 'an unknown item', body: { CustomerRef: { value: '1' }, Line: [line('999', 1, 89, 89)] }, code: '2500' },
    { name: 'an inactive item', body: { CustomerRef: { value: '1' }, Line: [line('14', 1, 45, 45)] }, code: '610' },
    { name: 'a DocNumber over 21 characters', body: { CustomerRef: { value: '1' }, DocNumber: 'D'.repeat(22), Line: [line('1', 1, 89, 89)] }, code: '2050' },
    { name: 'a bad TxnDate', body: { CustomerRef: { value: '1' }, TxnDate: '03/01/2026', Line: [line('1', 1, 89, 89)] }, code: '2010' },
    { name: 'an unknown tax code', body: { CustomerRef: { value: '1' }, TxnTaxDetail: { TxnTaxCodeRef: { value: '77' } }, Line: [line('1', 1, 89, 89)] }, code: '2500' },
    { name: 'NeedToSend without an email', body: { CustomerRef: { value: '15' }, EmailStatus: 'NeedToSend', BillEmail: { Address: '' }, Line: [line('1', 1, 89, 89)] }, code: '6000' },
  ]
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code}`, async () => {
      const t = testCompany()
      const r = await t.post('/invoice', c.body)
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe(c.code)
    })
  }
})

describe('Invoice math', () => {
  it('computes line amounts, appends the SubTotalLine, rounds tax per rate and totals', async () => {
    const t = testCompany()
    const r = await t.post('/invoice', {
      CustomerRef: { value: '1' },
      Line: [line('5', 1, 1450, 1450), line('8', 25, 1.35, 33.75, 'TAX'), line('10', 2, 18.5, 37, 'TAX')],
      TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      TotalAmt: 1, // read-only: overwritten
    })
    const inv = entityOf(r, 'Invoice')
    const lines = inv.Line as Json[]
    expect(lines.at(-1)).toEqual({ Amount: 1520.75, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} })
    expect(lines.slice(0, 3).map((l) => [l.Id, l.LineNum])).toEqual([['1', 1], ['2', 2], ['3', 3]])
    // 70.75 taxable: 7.25 % = 5.129… → 5.13, 1.5 % = 1.061… → 1.06.
    expect(inv.TxnTaxDetail).toMatchObject({ TxnTaxCodeRef: { value: '2' }, TotalTax: 6.19, TaxLine: [{ Amount: 5.13 }, { Amount: 1.06 }] })
    expect(inv.TotalAmt).toBe(1526.94)
    expect(inv.Balance).toBe(1526.94)
  })

  it('rounds each tax rate to cents before summing (7.00 taxed: 0.51 + 0.11, not 8.75 % = 0.61)', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 7, 7, 'TAX')], TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } } }), 'Invoice')
    expect((inv.TxnTaxDetail as Json).TotalTax).toBe(0.62)
    expect(inv.TotalAmt).toBe(7.62)
  })

  it('keeps a TotalTax the app sends (no TaxLine) instead of computing one, with or without a tax code', async () => {
    const t = testCompany()
    // 70.75 taxable at the app's 7.75 % = 5.48; the code would compute 6.19.
    const lines = [line('8', 25, 1.35, 33.75, 'TAX'), line('10', 2, 18.5, 37, 'TAX')]
    const bare = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: { TotalTax: 5.48 } }), 'Invoice')
    expect(bare).toMatchObject({ TxnTaxDetail: { TotalTax: 5.48 }, TotalAmt: 76.23, Balance: 76.23 })
    const coded = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 5.48 } }), 'Invoice')
    // Prorated over the rates by their computed share (5.13 : 1.06), the last taking the remainder.
    expect(coded.TxnTaxDetail).toMatchObject({ TotalTax: 5.48, TaxLine: [{ Amount: 4.54 }, { Amount: 0.94 }] })
    expect(coded.TotalAmt).toBe(76.23)
    // A detail read back (with its TaxLines) and sent again is recomputed from the rates.
    const resent = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: coded.TxnTaxDetail }), 'Invoice')
    expect((resent.TxnTaxDetail as Json).TotalTax).toBe(6.19)
    expect(faultCode(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: lines, TxnTaxDetail: { TotalTax: -1 } }))).toBe('2010')
  })

  it('checks Amount against Qty × UnitPrice rounded half-up to cents (3 × 0.335 = 1.01)', async () => {
    const t = testCompany()
    expect(faultCode(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 3, 0.335, 1)] }))).toBe('6000')
    expect(entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 3, 0.335, 1.01)] }), 'Invoice').TotalAmt).toBe(1.01)
  })

  it('takes a percent discount off the subtotal before the total', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [line('1', 2, 89, 178), { DetailType: 'DiscountLineDetail', Amount: 0, DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }],
      }),
      'Invoice',
    )
    expect(inv.TotalAmt).toBe(160.2)
  })

  it('leaves tax at 0 without a transaction tax code, and for a non-taxable customer', async () => {
    const t = testCompany()
    const plain = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('8', 10, 1.35, 13.5, 'TAX')] }), 'Invoice')
    expect(plain.TxnTaxDetail).toEqual({ TotalTax: 0 })
    const c = entityOf(await t.get('/customer/2'), 'Customer')
    await t.post('/customer', { Id: '2', SyncToken: c.SyncToken, sparse: true, Taxable: false })
    const exempt = entityOf(await t.post('/invoice', { CustomerRef: { value: '2' }, Line: [line('8', 10, 1.35, 13.5, 'TAX')], TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } } }), 'Invoice')
    expect((exempt.TxnTaxDetail as Json).TotalTax).toBe(0)
    expect(exempt.TotalAmt).toBe(13.5)
  })

  it('copies BillAddr and BillEmail from the customer, names refs, defaults TxnDate and DueDate (+30 days)', async () => {
    const t = testCompany()
    const customer = entityOf(await t.get('/customer/1'), 'Customer')
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89)] }), 'Invoice')
    expect(inv).toMatchObject({ BillAddr: customer.BillAddr, BillEmail: customer.PrimaryEmailAddr, CustomerRef: { value: '1', name: 'Amy Chen' }, TxnDate: '2026-03-01', DueDate: '2026-03-31' })
    expect(((inv.Line as Json[])[0]?.SalesItemLineDetail as Json).ItemRef).toEqual({ value: '1', name: 'Service Call' })
  })
})

describe('DocNumber', () => {
  it('assigns the next number when none is sent and custom numbers are off', async () => {
    const t = testCompany()
    const highest = Math.max(...(t.companies.snapshot(t.companies.list()[0]!.realmId)!.entities.Invoice ?? []).map((i) => Number(i.DocNumber)))
    const a = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89)] }), 'Invoice')
    const b = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89)] }), 'Invoice')
    expect([a.DocNumber, b.DocNumber]).toEqual([String(highest + 1), String(highest + 2)])
  })

  it('accepts a duplicate DocNumber when custom numbers are off, refuses it with 6140 when on', async () => {
    const t = testCompany()
    const body = { CustomerRef: { value: '1' }, DocNumber: '1001', Line: [line('1', 1, 89, 89)] }
    expect((await t.post('/invoice', body)).status).toBe(200)
    const realm = t.companies.get(t.companies.list()[0]!.realmId)!
    realm.state.preferences.SalesFormsPrefs = { CustomTxnNumbers: true }
    expect(faultCode(await t.post('/invoice', body))).toBe('6140')
    const none = entityOf(await t.post('/invoice', { ...body, DocNumber: undefined }), 'Invoice')
    expect(none.DocNumber).toBeUndefined()
  })
})

describe('Invoice void and delete', () => {
  it('voids: amounts 0, Qty/UnitPrice gone, "Voided" leads PrivateNote, SyncToken +1, a Void change', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, PrivateNote: 'gate code 12', Line: [line('8', 10, 1.35, 13.5, 'TAX')], TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } } }), 'Invoice')
    const v = entityOf(await t.post('/invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken }), 'Invoice')
    expect(v).toMatchObject({ TotalAmt: 0, Balance: 0, SyncToken: '1', TxnTaxDetail: { TotalTax: 0 }, PrivateNote: 'Voided - gate code 12' })
    expect((v.Line as Json[]).every((l) => l.Amount === 0)).toBe(true)
    expect((v.Line as Json[])[0]?.SalesItemLineDetail).not.toHaveProperty('Qty')
    expect(t.events.at(-1)).toMatchObject({ entity: 'Invoice', id: inv.Id, operation: 'Void' })
  })

  it('deletes: answers the Deleted stub, later reads and references get 610 "Another user has deleted this transaction"', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89)] }), 'Invoice')
    const r = await t.post('/invoice?operation=delete', { Id: inv.Id, SyncToken: '0' })
    expect(r.body.Invoice).toEqual({ domain: 'QBO', status: 'Deleted', Id: inv.Id })
    const read = await t.get(`/invoice/${inv.Id}`)
    expect(faultCode(read)).toBe('610')
    expect(JSON.stringify(read.body)).toContain('Another user has deleted this transaction')
    const update = await t.post('/invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' })
    expect(faultCode(update)).toBe('610')
    const pay = await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 89, Line: [{ Amount: 89, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] })
    expect(faultCode(pay)).toBe('610')
  })

  it('refuses delete and void with a stale SyncToken', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89)] }), 'Invoice')
    await t.post('/invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'edited' })
    expect(faultCode(await t.post('/invoice?operation=delete', { Id: inv.Id, SyncToken: '0' }))).toBe('5010')
    expect(faultCode(await t.post('/invoice?operation=void', { Id: inv.Id, SyncToken: '0' }))).toBe('5010')
  })

  it('keeps line Ids on a sparse update that replaces lines, and recomputes totals', async () => {
    const t = testCompany()
    const inv = entityOf(await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [line('1', 1, 89, 89), line('2', 1, 115, 115)] }), 'Invoice')
    const first = (inv.Line as Json[])[0]!
    const upd = entityOf(await t.post('/invoice', { Id: inv.Id, SyncToken: '0', sparse: true, Line: [{ ...first, Amount: 178, SalesItemLineDetail: { ...(first.SalesItemLineDetail as Json), Qty: 2 } }, line('3', 1, 172.5, 172.5)] }), 'Invoice')
    expect((upd.Line as Json[]).slice(0, 2).map((l) => l.Id)).toEqual(['1', '3'])
    expect(upd.TotalAmt).toBe(350.5)
  })
})
