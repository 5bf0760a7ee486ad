import { describe, expect, it } from 'vitest'
import { parseWebhook } from './payload.ts'
import { RealmId } from '#shared/ids.ts'

const realm = (id: string) => RealmId.parse(id)

describe('webhook payloads', () => {
  it('groups classic notifications by realm', () => {
    const parsed = parseWebhook({
      eventNotifications: [
        {
          realmId: '1',
          dataChangeEvent: {
            entities: [{ name: 'Customer', id: '5', operation: 'Create', lastUpdated: '2025-03-05T14:42:19-0700' }],
          },
        },
        { realmId: '2', dataChangeEvent: { entities: [{ name: 'Invoice', id: '130', operation: 'Void' }] } },
      ],
    })
    expect(parsed?.byRealm.get(realm('1'))).toEqual([
      { entity: 'Customer', id: '5', operation: 'Create', lastUpdated: '2025-03-05T14:42:19-0700' },
    ])
    expect(parsed?.byRealm.get(realm('2'))).toEqual([
      { entity: 'Invoice', id: '130', operation: 'Void', lastUpdated: null },
    ])
  })

  it('reads CloudEvents arrays', () => {
    const parsed = parseWebhook([
      {
        specversion: '1.0',
        id: 'e1',
        type: 'qbo.customer.created.v1',
        time: '2025-09-10T21:31:25.179Z',
        intuitentityid: '1234',
        intuitaccountid: '310687',
        data: {},
      },
    ])
    expect(parsed?.byRealm.get(realm('310687'))).toEqual([
      { entity: 'Customer', id: '1234', operation: 'Created', lastUpdated: '2025-09-10T21:31:25.179Z' },
    ])
  })

  it('drops, and counts, changes for a realm id of the wrong shape', () => {
    const parsed = parseWebhook({
      eventNotifications: [
        { realmId: '../../9130', dataChangeEvent: { entities: [{ name: 'Customer', id: '5', operation: 'Create' }] } },
        { realmId: '9130', dataChangeEvent: { entities: [{ name: 'Customer', id: '6', operation: 'Update' }] } },
      ],
    })
    expect([...parsed!.byRealm.keys()]).toEqual(['9130'])
    expect(parsed!.ignored).toBe(1)
    const events = parseWebhook([
      { type: 'qbo.invoice.created.v1', intuitentityid: '1', intuitaccountid: 'x'.repeat(65) },
    ])
    expect(events).toEqual({ byRealm: new Map(), ignored: 1 })
  })

  it('rejects other bodies', () => {
    expect(parseWebhook({ hello: 1 })).toBeNull()
    expect(parseWebhook('x')).toBeNull()
  })
})
