import { describe, expect, it } from 'vitest'
import { parseWebhook } from './payload.ts'

describe('webhook payloads', () => {
  it('groups classic notifications by realm', () => {
    const parsed = parseWebhook({
      eventNotifications: [
        { realmId: '1', dataChangeEvent: { entities: [{ name: 'Customer', id: '5', operation: 'Create', lastUpdated: '2025-03-05T14:42:19-0700' }] } },
        { realmId: '2', dataChangeEvent: { entities: [{ name: 'Invoice', id: '130', operation: 'Void' }] } },
      ],
    })
    expect(parsed?.get('1')).toEqual([{ entity: 'Customer', id: '5', operation: 'Create', lastUpdated: '2025-03-05T14:42:19-0700' }])
    expect(parsed?.get('2')).toEqual([{ entity: 'Invoice', id: '130', operation: 'Void', lastUpdated: null }])
  })

  it('reads CloudEvents arrays', () => {
    const parsed = parseWebhook([{ specversion: '1.0', id: 'e1', type: 'qbo.customer.created.v1', time: '2025-09-10T21:31:25.179Z', intuitentityid: '1234', intuitaccountid: '310687', data: {} }])
    expect(parsed?.get('310687')).toEqual([{ entity: 'Customer', id: '1234', operation: 'Created', lastUpdated: '2025-09-10T21:31:25.179Z' }])
  })

  it('rejects other bodies', () => {
    expect(parseWebhook({ hello: 1 })).toBeNull()
    expect(parseWebhook('x')).toBeNull()
  })
})
