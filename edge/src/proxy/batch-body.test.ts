import { describe, expect, it } from 'vitest'
import { checkBatch } from './batch-body.ts'

const batch = (...items: unknown[]) => JSON.stringify({ BatchItemRequest: items })

describe('batch bodies the proxy forwards', () => {
  it('forwards what the runner sends: creates and updates of the synced entities, and queries of them', () => {
    const body = batch(
      { bId: 's1', operation: 'create', Customer: { DisplayName: 'Acme Ltd' } },
      { bId: 's2', operation: 'update', Item: { Id: '7', SyncToken: '0', sparse: true, UnitPrice: 120 } },
      { bId: 's3', operation: 'create', Invoice: { CustomerRef: { value: '1' }, Line: [] } },
      { bId: 's4', operation: 'update', Payment: { Id: '9', SyncToken: '2' } },
      { bId: 's5', operation: 'delete', Invoice: { Id: '33', SyncToken: '3' } },
      { bId: 'q1', Query: 'select * from Customer maxresults 1' },
    )
    expect(checkBatch(body)).toBeNull()
  })

  it.each([
    [
      batch({ bId: 'b1', operation: 'create', Vendor: { DisplayName: 'x' } }),
      'batch item 1: "Vendor" is not forwarded',
    ],
    [
      batch(
        { bId: 'b1', operation: 'create', Customer: {} },
        { bId: 'b2', operation: 'create', Customer: {}, Employee: {} },
      ),
      'batch item 2: "Employee"',
    ],
    [
      batch({ bId: 'b1', operation: 'delete', Customer: { Id: '1', SyncToken: '0' } }),
      'operation delete is not forwarded for Customer',
    ],
    [batch({ bId: 'b1', operation: 'void', Invoice: { Id: '1', SyncToken: '0' } }), 'batch item 1: operation'],
    [batch({ bId: 'b1', operation: 'create', Customer: {}, Item: {} }), 'exactly one of'],
    [batch({ bId: 'b1', Customer: {} }), 'needs an operation'],
    [batch({ bId: 'b1', operation: 'create' }), 'exactly one of'],
    [batch({ bId: 'b1', Query: 'select * from Employee' }), 'queries of Employee'],
    [batch({ bId: 'b1', Query: 'select * from Customer', operation: 'create' }), 'nothing but bId and Query'],
    [batch({ operation: 'create', Customer: {} }), 'bId'],
    [batch({ bId: 'b1', operation: 'create', Customer: 'not an object' }), 'Customer'],
    [batch(), 'BatchItemRequest'],
    [
      batch(...Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, operation: 'create', Customer: {} }))),
      '1 to 30 items',
    ],
    [
      JSON.stringify({ BatchItemRequest: [{ bId: 'b1', operation: 'create', Customer: {} }], Extra: 1 }),
      'nothing else',
    ],
    ['{"BatchItemRequest": [', 'not JSON'],
  ])('refuses %s', (body, reason) => {
    expect(checkBatch(body)).toContain(reason)
  })
})
