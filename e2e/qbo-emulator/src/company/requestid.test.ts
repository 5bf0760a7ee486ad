import { describe, expect, it } from 'vitest'
import { ApiBehaviourSchema } from '../config.ts'
import { entityOf, faultCode, REALM, testCompany } from './test-helpers.ts'

describe('requestid', () => {
  it('replays the first answer for a repeated id without writing again, even with a different body', async () => {
    const t = testCompany()
    const first = await t.post('/customer?requestid=abc-1&minorversion=75', { DisplayName: 'Retry Once' })
    t.clock.advance(5000)
    const again = await t.post('/customer?requestid=abc-1', { DisplayName: 'Retry Once' })
    const different = await t.post('/customer?requestid=abc-1', { DisplayName: 'Something Else' })
    expect(again).toEqual(first)
    expect(different).toEqual(first)
    const count = await t.get(
      `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer WHERE DisplayName IN ('Retry Once', 'Something Else')")}`,
    )
    expect(count.body.QueryResponse).toEqual({ totalCount: 1 })
    expect(t.events.filter((e) => e.operation === 'Create')).toHaveLength(1)
  })

  it('replays faults too, and a new id runs the request', async () => {
    const t = testCompany()
    const first = await t.post('/customer?requestid=dup-1', { DisplayName: 'Amy Chen' })
    expect(faultCode(first)).toBe('6240')
    expect(await t.post('/customer?requestid=dup-1', { DisplayName: 'Amy Chen 2' })).toEqual(first)
    expect((await t.post('/customer?requestid=dup-2', { DisplayName: 'Amy Chen 2' })).status).toBe(200)
  })

  it('replays a void and a payment instead of applying them twice', async () => {
    const t = testCompany()
    const inv = entityOf(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: '2' } } }],
      }),
      'Invoice',
    )
    const pay = {
      CustomerRef: { value: '1' },
      TotalAmt: 30,
      Line: [{ Amount: 30, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    }
    await t.post('/payment?requestid=pay-1', pay)
    await t.post('/payment?requestid=pay-1', pay)
    expect(entityOf(await t.get(`/invoice/${inv.Id}`), 'Invoice').Balance).toBe(70)
  })

  it('keeps ids per company', async () => {
    const t = testCompany()
    const other = t.companies.list().find((c) => c.realmId !== REALM)!.realmId
    const a = await t.post('/customer?requestid=shared-id', { DisplayName: 'Per Company' })
    const b = await t.post(`http://emulator.test/v3/company/${other}/customer?requestid=shared-id`, {
      DisplayName: 'Per Company',
    })
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(t.companies.snapshot(other)?.entities.Customer?.some((c) => c.DisplayName === 'Per Company')).toBe(true)
    expect(t.companies.snapshot(REALM)?.entities.Customer?.filter((c) => c.DisplayName === 'Per Company')).toHaveLength(
      1,
    )
  })

  it('refuses ids over 50 characters (36 on batch) without writing', async () => {
    const t = testCompany()
    const r = await t.post(`/customer?requestid=${'x'.repeat(51)}`, { DisplayName: 'Too Long Id' })
    expect(r.status).toBe(400)
    expect(faultCode(r)).toBe('6000')
    expect((await t.post(`/customer?requestid=${'x'.repeat(50)}`, { DisplayName: 'Long Id' })).status).toBe(200)
    expect(
      faultCode(
        await t.post(`/batch?requestid=${'y'.repeat(37)}`, {
          BatchItemRequest: [{ bId: 'a', Query: 'SELECT * FROM Item' }],
        }),
      ),
    ).toBe('6000')
    expect(
      (
        await t.post(`/batch?requestid=${'y'.repeat(36)}`, {
          BatchItemRequest: [{ bId: 'a', Query: 'SELECT * FROM Item' }],
        })
      ).status,
    ).toBe(200)
    const count = await t.get(
      `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer WHERE DisplayName = 'Too Long Id'")}`,
    )
    expect(count.body.QueryResponse).toEqual({ totalCount: 0 })
  })
})

describe('requestid retention', () => {
  const invoice = {
    CustomerRef: { value: '1' },
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 89, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
  }
  const invoicesOfAmy = async (t: ReturnType<typeof testCompany>) =>
    Number(
      (
        (await t.get(`/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Invoice WHERE CustomerRef = '1'")}`)).body
          .QueryResponse as { totalCount: number }
      ).totalCount,
    )

  it('remembers ids forever by default (Intuit documents no limit)', async () => {
    const t = testCompany()
    const before = await invoicesOfAmy(t)
    const first = await t.post('/invoice?requestid=keep-1', invoice)
    t.clock.advance(365 * 86_400_000)
    expect(await t.post('/invoice?requestid=keep-1', invoice)).toEqual(first)
    expect(await invoicesOfAmy(t)).toBe(before + 1)
  })

  it('forgets an id once the configured retention of emulator time has passed, so a late retry runs again', async () => {
    const t = testCompany()
    t.companies.setBehaviour(ApiBehaviourSchema.parse({ requestIdRetention: 60_000 }))
    const before = await invoicesOfAmy(t)
    const first = await t.post('/invoice?requestid=late-1', invoice)
    t.clock.advance(59_999)
    expect(await t.post('/invoice?requestid=late-1', invoice)).toEqual(first)
    t.clock.advance(1)
    const late = await t.post('/invoice?requestid=late-1', invoice)
    expect(entityOf(late, 'Invoice').Id).not.toBe(entityOf(first, 'Invoice').Id)
    expect(await invoicesOfAmy(t)).toBe(before + 2)
  })

  it("forgets a company's ids on request, and only that company's", async () => {
    const t = testCompany()
    const other = t.companies.list().find((c) => c.realmId !== REALM)!.realmId
    await t.post('/customer?requestid=f-1', { DisplayName: 'Forget Me' })
    await t.post(`http://emulator.test/v3/company/${other}/customer?requestid=f-1`, { DisplayName: 'Keep Me' })
    expect(t.companies.forgetRequestIds(REALM)).toBe(1)
    expect(faultCode(await t.post('/customer?requestid=f-1', { DisplayName: 'Forget Me' }))).toBe('6240') // ran again
    expect(
      (await t.post(`http://emulator.test/v3/company/${other}/customer?requestid=f-1`, { DisplayName: 'Keep Me' }))
        .status,
    ).toBe(200) // replayed
    expect(t.companies.forgetRequestIds('404')).toBeUndefined()
  })
})
