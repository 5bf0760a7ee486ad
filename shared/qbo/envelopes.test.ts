import { describe, expect, it } from 'vitest'
import {
  QboBatchItemResponse,
  QboBatchRequest,
  QboCdcResponse,
  QboInvoiceDeleteResponse,
  QboInvoiceResponse,
  QboQueryResponse,
} from './envelopes.ts'

const invoice = {
  Id: '34',
  SyncToken: '2',
  CustomerRef: { value: '1' },
  Line: [{ Amount: 10, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }],
}
const deleted = {
  domain: 'QBO',
  status: 'Deleted',
  Id: '979',
  MetaData: { LastUpdatedTime: '2025-03-01T12:55:50-08:00' },
}

describe('query responses', () => {
  it('accept the COUNT(*) form and the empty form', () => {
    expect(QboQueryResponse.parse({ QueryResponse: { totalCount: 42 }, time: 't' }).QueryResponse.totalCount).toBe(42)
    expect(QboQueryResponse.parse({ QueryResponse: {}, time: 't' }).QueryResponse.Invoice).toBeUndefined()
  })

  it('validate the entities they carry', () => {
    const result = QboQueryResponse.safeParse({ QueryResponse: { Invoice: [{ ...invoice, CustomerRef: undefined }] } })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toStrictEqual(['QueryResponse', 'Invoice', 0, 'CustomerRef'])
  })
})

describe('CDC responses', () => {
  it('tell deleted stubs from full objects', () => {
    const body = { CDCResponse: [{ QueryResponse: [{ Invoice: [invoice, deleted], maxResults: 2 }] }], time: 't' }
    const changes = QboCdcResponse.parse(body).CDCResponse[0]?.QueryResponse?.[0]?.Invoice ?? []
    expect(changes.map((c) => ('status' in c ? c.status : 'live'))).toStrictEqual(['live', 'Deleted'])
  })

  it('accept the no-change answer', () => {
    expect(QboCdcResponse.safeParse({ CDCResponse: [{ QueryResponse: [{}] }], time: 't' }).success).toBe(true)
  })

  it('reject a changed invoice that is neither complete nor a stub', () => {
    const body = { CDCResponse: [{ QueryResponse: [{ Invoice: [{ Id: '5', status: 'Voided' }] }] }] }
    expect(QboCdcResponse.safeParse(body).success).toBe(false)
  })
})

describe('single-entity responses', () => {
  it('keep reads and deletes apart', () => {
    expect(QboInvoiceResponse.safeParse({ Invoice: invoice, time: 't' }).success).toBe(true)
    expect(QboInvoiceResponse.safeParse({ Invoice: deleted, time: 't' }).success).toBe(false)
    expect(QboInvoiceDeleteResponse.safeParse({ Invoice: deleted, time: 't' }).success).toBe(true)
  })
})

describe('batch', () => {
  it('accepts creates without Id, sparse updates, deletes and queries', () => {
    const request = {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Acme Ltd' } },
        { bId: 'b2', operation: 'update', Invoice: { Id: '238', SyncToken: '0', sparse: true, DueDate: '2025-04-30' } },
        { bId: 'b3', operation: 'delete', Invoice: { Id: '129', SyncToken: '0' } },
        { bId: 'b4', Query: 'SELECT * FROM Item WHERE Active = true MAXRESULTS 100' },
      ],
    }
    expect(QboBatchRequest.parse(request)).toStrictEqual(request)
  })

  it('rejects items without an entity or query, unknown operations, and mistyped payloads', () => {
    const items = [
      { bId: 'b1', operation: 'create' },
      { bId: 'b2', operation: 'upsert', Customer: { DisplayName: 'A' } },
      { bId: 'b3', operation: 'update', Invoice: { Id: '1', SyncToken: 0 } },
    ]
    for (const item of items) expect(QboBatchRequest.safeParse({ BatchItemRequest: [item] }).success).toBe(false)
  })

  it('answers per item with an entity, a stub, a query result or a Fault', () => {
    const fault = {
      type: 'ValidationFault',
      Error: [{ Message: 'Stale Object Error', code: '5010', Detail: 'x', element: '' }],
    }
    for (const item of [
      { bId: 'b1', Invoice: invoice },
      { bId: 'b2', Invoice: deleted },
      { bId: 'b3', QueryResponse: { Item: [] } },
      { bId: 'b4', Fault: fault },
    ])
      expect(QboBatchItemResponse.parse(item)).toStrictEqual(item)
  })

  it('rejects an answer that carries nothing but its bId, or a Fault without errors', () => {
    expect(QboBatchItemResponse.safeParse({ bId: 'b1' }).success).toBe(false)
    expect(QboBatchItemResponse.safeParse({ bId: 'b1', Fault: { type: 'ValidationFault', Error: [] } }).success).toBe(
      false,
    )
  })
})
