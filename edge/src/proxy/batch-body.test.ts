import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkBatch } from './batch-body.ts'
import { checkBody } from './body-check.ts'

const batch = (...items: unknown[]) => ({ BatchItemRequest: items })

describe('batch bodies the proxy forwards', () => {
  it('forwards what the runner batches: creates and updates of the synced entities', () => {
    const body = batch(
      { bId: 's1', operation: 'create', Customer: { DisplayName: 'Acme Ltd' } },
      { bId: 's2', operation: 'update', Item: { Id: '7', SyncToken: '0', sparse: true, UnitPrice: 120 } },
      { bId: 's3', operation: 'create', Invoice: { CustomerRef: { value: '1' }, Line: [] } },
      { bId: 's4', operation: 'update', Payment: { Id: '9', SyncToken: '2' } },
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
      batch({ bId: 'b1', operation: 'delete', Invoice: { Id: '33', SyncToken: '3' } }),
      'operation delete is not forwarded for Invoice',
    ],
    [
      batch({ bId: 'b1', operation: 'delete', Payment: { Id: '9', SyncToken: '2' } }),
      'operation delete is not forwarded for Payment',
    ],
    [
      batch({ bId: 'b1', operation: 'delete', Customer: { Id: '1', SyncToken: '0' } }),
      'operation delete is not forwarded',
    ],
    [batch({ bId: 'b1', operation: 'void', Invoice: { Id: '1', SyncToken: '0' } }), 'batch item 1: operation void'],
    [batch({ bId: 'b1', operation: 'create', Customer: {}, Item: {} }), 'exactly one of'],
    [batch({ bId: 'b1', Customer: {} }), 'needs an operation'],
    [batch({ bId: 'b1', operation: 'create' }), 'exactly one of'],
    [batch({ bId: 'b1', Query: 'select * from Customer' }), '"Query" is not forwarded'],
    [batch({ operation: 'create', Customer: {} }), 'bId'],
    [batch({ bId: 'b1', operation: 'create', Customer: 'not an object' }), 'Customer'],
    [batch({ bId: 'b1', operation: 'create', Customer: [] }), 'Customer'],
    [batch(), 'BatchItemRequest'],
    [
      batch(...Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, operation: 'create', Customer: {} }))),
      '1 to 30 items',
    ],
    [{ BatchItemRequest: [{ bId: 'b1', operation: 'create', Customer: {} }], Extra: 1 }, 'nothing else'],
  ])('refuses %j', (body, reason) => {
    expect(checkBatch(body)).toContain(reason)
  })
})

describe('bodies as forwarded', () => {
  it.each([
    ['{"BatchItemRequest": [', 'not JSON'],
    ['BatchItemRequest=1', 'not JSON'],
    ['[1,2]', 'a JSON object'],
    ['"text"', 'a JSON object'],
    [
      '{"BatchItemRequest":[{"bId":"b1","operation":"create","Customer":{}}],"BatchItemRequest":[{"bId":"b1","operation":"delete","Invoice":{"Id":"1","SyncToken":"0"}}]}',
      'names "BatchItemRequest" twice',
    ],
    ['{"bId":"b1","BatchItemRequest":[{"bId":"b1","bId":"b2","operation":"create","Customer":{}}]}', 'twice'],
  ])('refuses %s', (text, reason) => {
    const r = checkBody(text.includes('BatchItemRequest') ? 'batch' : 'entity', text)
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining(reason) } })
  })

  const entityBody = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
  const item = fc.record({
    bId: fc.string({ minLength: 1, maxLength: 10 }),
    operation: fc.constantFrom('create', 'update'),
    entity: fc.constantFrom('Customer', 'Item', 'Invoice', 'Payment'),
    payload: entityBody,
  })
  // Any spacing a sender may choose: JSON.stringify's indent, or none.
  const spacing = fc.constantFrom(undefined, 1, 2, '\t')

  it('forwards every batch it accepts as the canonical serialization of the value it checked', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), spacing, (items, space) => {
        const value = batch(...items.map((i) => ({ bId: i.bId, operation: i.operation, [i.entity]: i.payload })))
        const r = checkBody('batch', JSON.stringify(value, null, space))
        expect(r).toEqual({ ok: true, value: JSON.stringify(value) })
      }),
    )
  })

  it('forwards every entity body it accepts as its canonical serialization, and refuses no object', () => {
    fc.assert(
      fc.property(entityBody, spacing, (value, space) => {
        const r = checkBody('entity', JSON.stringify(value, null, space))
        expect(r).toEqual({ ok: true, value: JSON.stringify(JSON.parse(JSON.stringify(value))) })
      }),
    )
  })

  it('whatever it accepts, it forwards canonically: serializing the forwarded body again changes nothing', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom('entity' as const, 'batch' as const), (text, shape) => {
        const r = checkBody(shape, text)
        if (r.ok) expect(JSON.stringify(JSON.parse(r.value))).toBe(r.value)
        if (r.ok) expect(r.value).toBe(JSON.stringify(JSON.parse(text)))
      }),
    )
  })
})
