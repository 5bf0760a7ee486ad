import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import type { TestCompany } from './test-helpers.ts'
import { entityOf, faultCode, REALM, salesLine, testCompany } from './test-helpers.ts'
import { buildPayload } from '../webhooks/payload.ts'

// Merging customers and items as QuickBooks does (§10.1 Merge + deletedId; choices in docs/emulator.md).
const cdc = (entities: string, since: string) =>
  `/cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}&minorversion=75`
const sections = (body: Json) => ((body.CDCResponse as Json[])[0]?.QueryResponse ?? []) as Json[]
const SINCE = '2026-03-01T10:00:00-08:00'

async function twoCustomers(t: TestCompany) {
  const a = entityOf(await t.post('/customer', { DisplayName: 'Diego Alvarez' }), 'Customer')
  const b = entityOf(await t.post('/customer', { DisplayName: 'Diego Alvarez Jr' }), 'Customer')
  const inv = entityOf(
    await t.post('/invoice', { CustomerRef: { value: a.Id }, Line: [salesLine('1', 1, 89, 89)] }),
    'Invoice',
  )
  const pay = entityOf(
    await t.post('/payment', {
      CustomerRef: { value: a.Id },
      TotalAmt: 50,
      Line: [{ Amount: 50, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    }),
    'Payment',
  )
  return { a: String(a.Id), b: String(b.Id), inv: String(inv.Id), pay: String(pay.Id) }
}

describe('Customer merge', () => {
  it('moves the transactions to the survivor, retires the merged-away customer, sends one Merge notice', async () => {
    const t = testCompany()
    const { a, b, inv, pay } = await twoCustomers(t)
    const invoiceBefore = entityOf(await t.get(`/invoice/${inv}`), 'Invoice')
    t.clock.advance(60_000)
    const before = t.events.length
    const merged = t.companies.bookkeeperMerge(REALM, 'Customer', a, b)
    expect(merged).toMatchObject({ ok: true, value: { Id: b, DisplayName: 'Diego Alvarez Jr' } })
    expect(t.events.slice(before)).toEqual([
      {
        realmId: REALM,
        entity: 'Customer',
        id: b,
        operation: 'Merge',
        deletedId: a,
        lastUpdated: '2026-03-01T10:01:00-08:00',
      },
    ])
    const invoice = entityOf(await t.get(`/invoice/${inv}`), 'Invoice')
    expect(invoice).toMatchObject({ CustomerRef: { value: b, name: 'Diego Alvarez Jr' }, Balance: 39 })
    expect(Number(invoice.SyncToken)).toBe(Number(invoiceBefore.SyncToken) + 1)
    expect(entityOf(await t.get(`/payment/${pay}`), 'Payment').CustomerRef).toEqual({
      value: b,
      name: 'Diego Alvarez Jr',
    })

    const gone = await t.get(`/customer/${a}`)
    expect(gone.status).toBe(400)
    expect(faultCode(gone)).toBe('610')
    const q = await t.get(
      `/query?query=${encodeURIComponent("select * from Customer where Active IN (true,false) and DisplayName LIKE 'Diego%'")}`,
    )
    expect(((q.body.QueryResponse as Json).Customer as Json[]).map((c) => c.Id)).toEqual([b])

    const [customers, invoices, payments] = sections((await t.get(cdc('Customer,Invoice,Payment', SINCE))).body)
    expect(customers?.Customer).toEqual(
      expect.arrayContaining([
        { domain: 'QBO', status: 'Deleted', Id: a, MetaData: { LastUpdatedTime: '2026-03-01T10:01:00-08:00' } },
        expect.objectContaining({ Id: b }),
      ]),
    )
    expect((invoices?.Invoice as Json[]).map((i) => i.Id)).toContain(inv)
    expect((payments?.Payment as Json[]).map((p) => p.Id)).toContain(pay)
  })

  it('frees the merged-away name; a new transaction naming the gone customer is refused as an unknown reference', async () => {
    const t = testCompany()
    const { a, b } = await twoCustomers(t)
    t.companies.bookkeeperMerge(REALM, 'Customer', a, b)
    const r = await t.post('/invoice', { CustomerRef: { value: a }, Line: [salesLine('1', 1, 89, 89)] })
    expect(faultCode(r)).toBe('2500')
    expect((await t.post('/customer', { DisplayName: 'Diego Alvarez' })).status).toBe(200)
  })

  it('refuses a merge into itself, into an inactive customer, of a parent with jobs, of unknown ids', async () => {
    const t = testCompany()
    const { a, b } = await twoCustomers(t)
    const code = (r: ReturnType<typeof t.companies.bookkeeperMerge>) => (r.ok ? 'ok' : r.error.errors[0]?.code)
    expect(code(t.companies.bookkeeperMerge(REALM, 'Customer', a, a))).toBe('6000')
    t.companies.bookkeeperEdit(REALM, 'Customer', b, { Active: false })
    expect(code(t.companies.bookkeeperMerge(REALM, 'Customer', a, b))).toBe('6000')
    // The small seed's Bayside Property Management (2) has two jobs.
    expect(code(t.companies.bookkeeperMerge(REALM, 'Customer', '2', a))).toBe('6000')
    expect(code(t.companies.bookkeeperMerge(REALM, 'Customer', '99999', a))).toBe('610')
    expect(code(t.companies.bookkeeperMerge(REALM, 'Invoice', '1', a))).toBe('500')
    expect(t.events.filter((e) => e.operation === 'Merge')).toEqual([])
  })

  it('writes deletedId into the classic webhook payload', () => {
    const t = testCompany()
    t.companies.bookkeeperMerge(REALM, 'Customer', '4', '3')
    const merge = t.events.filter((e) => e.operation === 'Merge')
    expect(buildPayload(merge).eventNotifications[0]?.dataChangeEvent.entities).toEqual([
      { name: 'Customer', id: '3', operation: 'Merge', lastUpdated: '2026-03-01T10:00:00-0800', deletedId: '4' },
    ])
  })
})

describe('Item merge', () => {
  it('re-points invoice lines to the survivor and retires the merged-away item', async () => {
    const t = testCompany()
    const from = entityOf(
      await t.post('/item', {
        Name: 'Service Call (old)',
        Type: 'Service',
        UnitPrice: 80,
        IncomeAccountRef: { value: '1' },
      }),
      'Item',
    )
    const inv = entityOf(
      await t.post('/invoice', { CustomerRef: { value: '1' }, Line: [salesLine(String(from.Id), 1, 80, 80)] }),
      'Invoice',
    )
    const r = t.companies.bookkeeperMerge(REALM, 'Item', String(from.Id), '1')
    expect(r.ok).toBe(true)
    const line = (entityOf(await t.get(`/invoice/${String(inv.Id)}`), 'Invoice').Line as Json[])[0] as Json
    expect((line.SalesItemLineDetail as Json).ItemRef).toEqual({ value: '1', name: 'Service Call' })
    expect(line.Amount).toBe(80)
    expect(faultCode(await t.get(`/item/${String(from.Id)}`))).toBe('610')
    expect(t.events.at(-1)).toMatchObject({ entity: 'Item', id: '1', operation: 'Merge', deletedId: from.Id })
  })

  it('refuses items of different types', async () => {
    const t = testCompany()
    // Item 1 is a Service, item 8 (PEX pipe) NonInventory in the small seed.
    expect(t.companies.bookkeeperMerge(REALM, 'Item', '8', '1')).toMatchObject({
      ok: false,
      error: { errors: [{ code: '6000', detail: expect.stringContaining('different types') }] },
    })
  })
})
