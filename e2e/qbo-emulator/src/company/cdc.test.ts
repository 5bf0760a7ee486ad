import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { ApiBehaviourSchema } from '../config.ts'
import { entityOf, faultCode, REALM, testCompany, TEST_START } from './test-helpers.ts'

const cdc = (entities: string, since: string) =>
  `/cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}&minorversion=75`
const sections = (body: Json) => ((body.CDCResponse as Json[])[0]?.QueryResponse ?? []) as Json[]

describe('CDC', () => {
  it('returns full records changed since the time, deleted ones as stubs, only entities with changes', async () => {
    const t = testCompany()
    t.clock.advance(60_000)
    const since = '2026-03-01T10:00:30-08:00'
    t.clock.advance(60_000)
    const cust = entityOf(await t.get('/customer/1'), 'Customer')
    await t.post('/customer', { Id: '1', SyncToken: cust.SyncToken, sparse: true, Notes: 'changed' })
    const inv = entityOf(await t.get('/invoice/4'), 'Invoice')
    await t.post('/invoice?operation=delete', { Id: '4', SyncToken: inv.SyncToken })
    const r = await t.get(cdc('Customer,Item,Invoice,Payment', since))
    expect(r.status).toBe(200)
    const [customers, invoices, ...rest] = sections(r.body)
    expect(rest).toEqual([])
    expect((customers?.Customer as Json[]).map((c) => [c.Id, c.Notes])).toEqual([['1', 'changed']])
    expect(customers).toMatchObject({ startPosition: 1, maxResults: 1 })
    expect(invoices?.Invoice).toEqual([
      { domain: 'QBO', status: 'Deleted', Id: '4', MetaData: { LastUpdatedTime: '2026-03-01T10:02:00-08:00' } },
    ])
  })

  it('answers "no changes" with one empty QueryResponse', async () => {
    const t = testCompany()
    t.clock.advance(1000)
    expect((await t.get(cdc('Customer', '2026-03-01T10:00:01-08:00'))).body.CDCResponse).toEqual([
      { QueryResponse: [{}] },
    ])
  })

  it('includes inactivated and voided records as ordinary updates', async () => {
    const t = testCompany()
    const since = '2026-03-01T10:00:00-08:00'
    const item = entityOf(await t.get('/item/2'), 'Item')
    await t.post('/item', { Id: '2', SyncToken: item.SyncToken, sparse: true, Active: false })
    const inv = entityOf(await t.get('/invoice/5'), 'Invoice')
    await t.post('/invoice?operation=void', { Id: '5', SyncToken: inv.SyncToken })
    const [items, invoices] = sections((await t.get(cdc('Item,Invoice', since))).body)
    expect((items?.Item as Json[])[0]).toMatchObject({ Id: '2', Active: false })
    expect((invoices?.Invoice as Json[])[0]).toMatchObject({ Id: '5', TotalAmt: 0 })
  })

  it('refuses changedSince more than 30 days back and accepts exactly 30 days', async () => {
    const t = testCompany()
    const thirtyDays = new Date(TEST_START - 30 * 86_400_000).toISOString()
    const older = new Date(TEST_START - 30 * 86_400_000 - 1000).toISOString()
    expect((await t.get(cdc('Customer', thirtyDays))).status).toBe(200)
    const r = await t.get(cdc('Customer', older))
    expect(r.status).toBe(400)
    expect(faultCode(r)).toBe('6000')
  })

  it('refuses missing parameters, bad dates and entities CDC does not serve', async () => {
    const t = testCompany()
    expect(faultCode(await t.get('/cdc?changedSince=2026-02-20'))).toBe('2020')
    expect(faultCode(await t.get('/cdc?entities=Customer'))).toBe('2020')
    expect(faultCode(await t.get(cdc('Customer', 'yesterday')))).toBe('2010')
    expect(faultCode(await t.get(cdc('TaxCode', '2026-02-20')))).toBe('4001')
  })

  // 1200 customers changed one a second, and 3 items changed in the same first 3 seconds.
  const crowded = (cap?: 'perEntity' | 'shared') => {
    const t = testCompany('none')
    if (cap) t.companies.setBehaviour(ApiBehaviourSchema.parse({ cdcCap: cap }))
    const stamp = (s: number) => new Date(TEST_START - 86_400_000 + s * 1000).toISOString().replace('Z', '+00:00')
    const customers = Array.from({ length: 1200 }, (_, i) => ({
      Id: String(i + 1),
      SyncToken: '0',
      DisplayName: `C${i}`,
      MetaData: { CreateTime: stamp(i), LastUpdatedTime: stamp(i) },
    }))
    const items = Array.from({ length: 3 }, (_, i) => ({
      Id: String(i + 1),
      SyncToken: '0',
      Name: `I${i}`,
      MetaData: { CreateTime: stamp(i), LastUpdatedTime: stamp(i) },
    }))
    t.companies.seed(REALM, { entities: { Customer: customers, Item: items } })
    return async () =>
      sections((await t.get(cdc('Customer,Item', new Date(TEST_START - 2 * 86_400_000).toISOString()))).body)
  }

  it('caps each entity at 1000 objects, oldest changes first (the default)', async () => {
    const [c, i] = await crowded()()
    expect((c?.Customer as Json[]).length).toBe(1000)
    expect((c?.Customer as Json[])[0]?.Id).toBe('1')
    expect((i?.Item as Json[]).length).toBe(3)
    expect(await crowded('perEntity')()).toEqual([c, i])
  })

  it('shares one cap of 1000 objects among the requested entities when so configured, oldest changes first', async () => {
    const [c, i] = await crowded('shared')()
    const customers = c?.Customer as Json[]
    expect(customers.length + (i?.Item as Json[]).length).toBe(1000)
    expect((i?.Item as Json[]).map((x) => x.Id)).toEqual(['1', '2', '3'])
    expect(customers.map((x) => x.Id)).toEqual(Array.from({ length: 997 }, (_, n) => String(n + 1)))
    expect(c).toMatchObject({ startPosition: 1, maxResults: 997 })
  })
})
