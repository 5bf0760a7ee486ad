import { describe, expect, it } from 'vitest'
import { writeNotice } from './write-notice.ts'

describe('writeNotice', () => {
  it('reads a single write: the entity, its Id, the operation and an invoice DocNumber', () => {
    const created = JSON.stringify({ Invoice: { Id: '130', DocNumber: '1041', SyncToken: '0' }, time: 'x' })
    expect(writeNotice('invoice', [['requestid', 'r1']], '{}', created)).toEqual({
      entities: [{ entity: 'Invoice', id: '130', operation: 'Create' }],
      docNumbers: [1041],
    })
    const voided = JSON.stringify({ Invoice: { Id: '130', DocNumber: 'A-7' } })
    expect(writeNotice('invoice', [['operation', 'void']], '{}', voided)).toEqual({
      entities: [{ entity: 'Invoice', id: '130', operation: 'Void' }],
      docNumbers: [],
    })
    const deleted = JSON.stringify({ Payment: { Id: '9', status: 'Deleted' } })
    expect(writeNotice('payment', [['operation', 'delete']], '{}', deleted).entities).toEqual([
      { entity: 'Payment', id: '9', operation: 'Delete' },
    ])
  })

  it('reads a batch, skipping faults, with each item’s operation from the request', () => {
    const request = JSON.stringify({
      BatchItemRequest: [
        { bId: 'a', operation: 'create', Customer: {} },
        { bId: 'b', operation: 'update', Invoice: {} },
        { bId: 'c', operation: 'create', Invoice: {} },
      ],
    })
    const answer = JSON.stringify({
      BatchItemResponse: [
        { bId: 'a', Customer: { Id: '61' } },
        { bId: 'b', Invoice: { Id: '130', DocNumber: '1042' } },
        { bId: 'c', Fault: { Error: [{ code: '6140' }] } },
      ],
    })
    expect(writeNotice('batch', [], request, answer)).toEqual({
      entities: [
        { entity: 'Customer', id: '61', operation: 'Create' },
        { entity: 'Invoice', id: '130', operation: 'Update' },
      ],
      docNumbers: [1042],
    })
  })

  it('gives nothing for an answer it cannot read', () => {
    expect(writeNotice('customer', [], '{}', 'not json')).toEqual({ entities: [], docNumbers: [] })
    expect(writeNotice('batch', [], null, '{"BatchItemResponse": 3}')).toEqual({ entities: [], docNumbers: [] })
  })
})
