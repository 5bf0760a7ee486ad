import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, faultCode, salesLine, testCompany } from './test-helpers.ts'

// Seeded: customer 1 Amy Chen (active, taxable), 10 Tom Nguyen (inactive); items 1 Service Call
// (89), 8 PEX Pipe (1.35), 10 Ball Valve (18.5), 14 inactive; tax code 2 = California 7.25 % +
// Sacramento County 1.5 %.

describe('Invoice rules', () => {
  const cases: { name: string; body: Json; code: string }[] = [
    { name: 'no CustomerRef', body: { Line: [salesLine('1', 1, 89, 89)] }, code: '2020' },
    { name: 'a property Intuit does not know (the recorded {"BadJson": true})', body: { BadJson: true }, code: '2010' },
    { name: 'no Line', body: { CustomerRef: { value: '1' } }, code: '2020' },
    { name: 'an empty Line', body: { CustomerRef: { value: '1' }, Line: [] }, code: '2020' },
    {
      name: 'only a SubTotalLine',
      body: {
        CustomerRef: { value: '1' },
        Line: [{ DetailType: 'SubTotalLineDetail', Amount: 5, SubTotalLineDetail: {} }],
      },
      code: '2020',
    },
    {
      name: 'a line without Amount',
      body: {
        CustomerRef: { value: '1' },
        Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }],
      },
      code: '2020',
    },
    {
      name: 'an Amount that is not Qty × UnitPrice',
      body: { CustomerRef: { value: '1' }, Line: [salesLine('1', 2, 89, 170)] },
      code: '6000',
    },
    {
      name: 'an unknown DetailType',
      body: { CustomerRef: { value: '1' }, Line: [{ DetailType: 'FancyLine', Amount: 1 }] },
      code: '2170',
    },
    {
      name: 'an unknown customer',
      body: { CustomerRef: { value: '9999' }, Line: [salesLine('1', 1, 89, 89)] },
      code: '2500',
    },
    {
      name: 'an inactive customer',
      body: { CustomerRef: { value: '10' }, Line: [salesLine('1', 1, 89, 89)] },
      code: '610',
    },
    {
      name: 'an unknown item',
      body: { CustomerRef: { value: '1' }, Line: [salesLine('999', 1, 89, 89)] },
      code: '2500',
    },
    {
      name: 'an inactive item',
      body: { CustomerRef: { value: '1' }, Line: [salesLine('14', 1, 45, 45)] },
      code: '610',
    },
    {
      name: 'a DocNumber over 21 characters',
      body: { CustomerRef: { value: '1' }, DocNumber: 'D'.repeat(22), Line: [salesLine('1', 1, 89, 89)] },
      code: '2050',
    },
    {
      name: 'a bad TxnDate',
      body: { CustomerRef: { value: '1' }, TxnDate: '03/01/2026', Line: [salesLine('1', 1, 89, 89)] },
      code: '2010',
    },
    {
      name: 'an unknown tax code',
      body: {
        CustomerRef: { value: '1' },
        TxnTaxDetail: { TxnTaxCodeRef: { value: '77' } },
        Line: [salesLine('1', 1, 89, 89)],
      },
      code: '2500',
    },
    {
      name: 'NeedToSend without an email',
      body: {
        CustomerRef: { value: '15' },
        EmailStatus: 'NeedToSend',
        BillEmail: { Address: '' },
        Line: [salesLine('1', 1, 89, 89)],
      },
      code: '6000',
    },
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

describe('DocNumber', () => {
  it('assigns the next number when none is sent and custom numbers are off', async () => {
    const t = testCompany()
    const highest = Math.max(
      ...(t.companies.snapshot(t.companies.list()[0]!.realmId)!.entities.Invoice ?? []).map((i) => Number(i.DocNumber)),
    )
    const a = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    const b = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    expect([a.DocNumber, b.DocNumber]).toEqual([String(highest + 1), String(highest + 2)])
  })

  it('accepts a duplicate DocNumber when custom numbers are off, refuses it with 6140 when on', async () => {
    const t = testCompany()
    const body = { CustomerRef: { value: '1' }, DocNumber: '1001', Line: [salesLine('1', 1, 89, 89)] }
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
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        PrivateNote: 'gate code 12',
        Line: [salesLine('8', 10, 1.35, 13.5, 'TAX')],
        TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
      }),
      'Invoice',
    )
    const v = entityOf(await t.post('/invoice?operation=void', { Id: inv.Id, SyncToken: inv.SyncToken }), 'Invoice')
    expect(v).toMatchObject({
      TotalAmt: 0,
      Balance: 0,
      SyncToken: '1',
      TxnTaxDetail: { TotalTax: 0 },
      PrivateNote: 'Voided - gate code 12',
    })
    expect((v.Line as Json[]).every((l) => l.Amount === 0)).toBe(true)
    expect((v.Line as Json[])[0]?.SalesItemLineDetail).not.toHaveProperty('Qty')
    expect(t.events.at(-1)).toMatchObject({ entity: 'Invoice', id: inv.Id, operation: 'Void' })
  })

  it('deletes: answers the Deleted stub, later reads and references get 610 "Another user has deleted this transaction"', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    const r = await t.post('/invoice?operation=delete', { Id: inv.Id, SyncToken: '0' })
    expect(r.body.Invoice).toEqual({ domain: 'QBO', status: 'Deleted', Id: inv.Id })
    const read = await t.get(`/invoice/${inv.Id}`)
    expect(faultCode(read)).toBe('610')
    expect(JSON.stringify(read.body)).toContain('Another user has deleted this transaction')
    const update = await t.post('/invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' })
    expect(faultCode(update)).toBe('610')
    const pay = await t.post('/payment', {
      CustomerRef: { value: '1' },
      TotalAmt: 89,
      Line: [{ Amount: 89, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    })
    expect(faultCode(pay)).toBe('610')
  })

  it('refuses delete and void with a stale SyncToken', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine('1', 1, 89, 89)] }),
      'Invoice',
    )
    await t.post('/invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'edited' })
    expect(faultCode(await t.post('/invoice?operation=delete', { Id: inv.Id, SyncToken: '0' }))).toBe('5010')
    expect(faultCode(await t.post('/invoice?operation=void', { Id: inv.Id, SyncToken: '0' }))).toBe('5010')
  })

  it('keeps line Ids on a sparse update that replaces lines, and recomputes totals', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [salesLine('1', 1, 89, 89), salesLine('2', 1, 115, 115)],
      }),
      'Invoice',
    )
    const first = (inv.Line as Json[])[0]!
    const upd = entityOf(
      await t.post('/invoice', {
        Id: inv.Id,
        SyncToken: '0',
        sparse: true,
        Line: [
          { ...first, Amount: 178, SalesItemLineDetail: { ...(first.SalesItemLineDetail as Json), Qty: 2 } },
          salesLine('3', 1, 172.5, 172.5),
        ],
      }),
      'Invoice',
    )
    expect((upd.Line as Json[]).slice(0, 2).map((l) => l.Id)).toEqual(['1', '3'])
    expect(upd.TotalAmt).toBe(350.5)
  })
})
