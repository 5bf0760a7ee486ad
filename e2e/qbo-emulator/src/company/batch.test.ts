import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, faultCode, REALM, testCompany } from './test-helpers.ts'

const items = (body: Json) => body.BatchItemResponse as Json[]
const code = (item: Json | undefined) => ((item?.Fault as Json | undefined)?.Error as Json[] | undefined)?.[0]?.code

describe('batch', () => {
  it('answers each item by bId: creates, updates, deletes, queries and per-item Faults', async () => {
    const t = testCompany()
    const inv = entityOf(await t.get('/invoice/4'), 'Invoice')
    const r = await t.post('/batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch Customer' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Amy Chen' } },
        { bId: 'b3', operation: 'update', Invoice: { Id: '4', SyncToken: '99', sparse: true, DueDate: '2026-04-30' } },
        { bId: 'b4', operation: 'delete', Invoice: { Id: '4', SyncToken: inv.SyncToken } },
        { bId: 'b5', Query: "SELECT * FROM Item WHERE Name = 'Service Call'" },
        { bId: 'b6', operation: 'update', Customer: { Id: '10', SyncToken: '1', sparse: true, Notes: 'x' } },
      ],
    })
    expect(r.status).toBe(200)
    const [b1, b2, b3, b4, b5] = items(r.body)
    expect(items(r.body).map((i) => i.bId)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6'])
    expect(b1?.Customer).toMatchObject({ DisplayName: 'Batch Customer', SyncToken: '0' })
    expect(code(b2)).toBe('6240')
    expect(code(b3)).toBe('5010')
    expect(b4?.Invoice).toEqual({ domain: 'QBO', status: 'Deleted', Id: '4' })
    expect(((b5?.QueryResponse as Json).Item as Json[])[0]?.Name).toBe('Service Call')
    expect(typeof r.body.time).toBe('string')
  })

  it('does not let an item see what an earlier item of the same batch created', async () => {
    const t = testCompany()
    const r = await t.post('/batch', {
      BatchItemRequest: [
        { bId: 'c', operation: 'create', Customer: { DisplayName: 'New Client' } },
        { bId: 'q', Query: "SELECT * FROM Customer WHERE DisplayName = 'New Client'" },
      ],
    })
    const created = items(r.body)[0]?.Customer as Json
    expect(items(r.body)[1]?.QueryResponse).toEqual({})
    const r2 = await t.post('/batch', {
      BatchItemRequest: [
        { bId: 'c', operation: 'create', Customer: { DisplayName: 'Another Client' } },
        {
          bId: 'i',
          operation: 'create',
          Invoice: {
            CustomerRef: { value: String(Number(created.Id) + 1) },
            Line: [{ DetailType: 'SalesItemLineDetail', Amount: 89, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
          },
        },
      ],
    })
    expect((items(r2.body)[0]?.Customer as Json).Id).toBe(String(Number(created.Id) + 1))
    expect(code(items(r2.body)[1])).toBe('2500')
    // After the batch, the new customer is there for the next call.
    const inv = await t.post('/invoice', {
      CustomerRef: { value: String(Number(created.Id) + 1) },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 89, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
    })
    expect(inv.status).toBe(200)
  })

  it('accepts 30 items and refuses 31 with a fault for the whole batch, writing nothing', async () => {
    const t = testCompany()
    const req = (n: number) => ({
      BatchItemRequest: Array.from({ length: n }, (_, i) => ({
        bId: `b${i}`,
        operation: 'create',
        Customer: { DisplayName: `Bulk ${n}-${i}` },
      })),
    })
    const ok = await t.post('/batch', req(30))
    expect(items(ok.body)).toHaveLength(30)
    const tooMany = await t.post('/batch', req(31))
    expect(tooMany.status).toBe(400)
    expect(faultCode(tooMany)).toBe('6000')
    const count = await t.get(
      `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer WHERE DisplayName LIKE 'Bulk 31-%'")}`,
    )
    expect(count.body.QueryResponse).toEqual({ totalCount: 0 })
  })

  it('refuses items without bId, operation or entity', async () => {
    const t = testCompany()
    const r = await t.post('/batch', {
      BatchItemRequest: [
        { operation: 'create', Customer: { DisplayName: 'x1' } },
        { bId: 'n', Customer: { DisplayName: 'x2' } },
        { bId: 'e', operation: 'create' },
        { bId: 'o', operation: 'merge', Customer: { DisplayName: 'x3' } },
      ],
    })
    expect(items(r.body).map(code)).toEqual(['2020', '2020', '2020', '2170'])
  })

  it('limits bId to 10 characters when the batch carries a requestid', async () => {
    const t = testCompany()
    const body = {
      BatchItemRequest: [{ bId: 'b-12345678901', operation: 'create', Customer: { DisplayName: 'Long bId' } }],
    }
    expect(code(items((await t.post('/batch', body)).body)[0])).toBeUndefined()
    const r = await t.post('/batch?requestid=batch-1', {
      BatchItemRequest: [{ bId: 'b-12345678901', operation: 'create', Customer: { DisplayName: 'Long bId 2' } }],
    })
    expect(code(items(r.body)[0])).toBe('2050')
  })
})

describe('batch response size', () => {
  it('holds at most 1000 objects: query rows past that are cut, writes count too', async () => {
    const t = testCompany('none')
    const customers = Array.from({ length: 1500 }, (_, i) => ({
      Id: String(i + 1),
      SyncToken: '0',
      DisplayName: `Customer ${String(i + 1).padStart(4, '0')}`,
      Active: true,
    }))
    t.companies.seed(REALM, { entities: { Customer: customers } })
    const page = (start: number) => ({
      bId: `q${start}`,
      Query: `SELECT * FROM Customer ORDERBY Id STARTPOSITION ${start} MAXRESULTS 600`,
    })
    const r = await t.post('/batch', {
      BatchItemRequest: [
        { bId: 'w', operation: 'create', Customer: { DisplayName: 'Counted Too' } },
        page(1),
        page(601),
        page(1201),
      ],
    })
    const [w, a, b, c] = items(r.body)
    expect(w?.Customer).toMatchObject({ DisplayName: 'Counted Too' })
    expect(((a?.QueryResponse as Json).Customer as Json[]).length).toBe(600)
    expect(b?.QueryResponse).toMatchObject({ startPosition: 601, maxResults: 399 })
    expect(((b?.QueryResponse as Json).Customer as Json[]).at(-1)?.Id).toBe('999')
    expect(c?.QueryResponse).toEqual({})
    // COUNT(*) returns no objects, so it always fits.
    const counted = await t.post('/batch', {
      BatchItemRequest: [
        { bId: 'a', Query: 'SELECT * FROM Customer MAXRESULTS 1000' },
        { bId: 'n', Query: 'SELECT COUNT(*) FROM Customer' },
      ],
    })
    expect(items(counted.body)[1]?.QueryResponse).toEqual({ totalCount: 1501 })
  })
})
