import { describe, expect, it } from 'vitest'
import { QboTokenResponse } from './oauth.ts'
import { cloudEventKind, QboCloudEventBatch, QboWebhookNotification } from './webhook.ts'

describe('webhook payloads', () => {
  it('keep an operation Intuit adds later readable', () => {
    const body = {
      eventNotifications: [
        {
          realmId: '1185883450',
          dataChangeEvent: { entities: [{ name: 'Invoice', id: '130', operation: 'Archive', lastUpdated: 'x' }] },
        },
      ],
    }
    expect(QboWebhookNotification.parse(body)).toStrictEqual(body)
  })

  it('reject a notification without a numeric realm id', () => {
    const body = { eventNotifications: [{ realmId: 'abc', dataChangeEvent: { entities: [] } }] }
    expect(QboWebhookNotification.safeParse(body).error?.issues[0]?.path).toStrictEqual([
      'eventNotifications',
      0,
      'realmId',
    ])
  })

  it('reject a CloudEvent whose type is not a QuickBooks one', () => {
    const event = {
      specversion: '1.0',
      id: 'e1',
      source: 's',
      type: 'com.example.thing',
      time: 't',
      intuitentityid: '1',
      intuitaccountid: '2',
    }
    expect(QboCloudEventBatch.safeParse([event]).success).toBe(false)
    expect(QboCloudEventBatch.safeParse([{ ...event, type: 'qbo.invoice.voided.v1' }]).success).toBe(true)
  })

  it('split CloudEvent types', () => {
    expect(cloudEventKind('qbo.customer.created.v1')).toStrictEqual({ entity: 'customer', verb: 'created', version: 1 })
    expect(cloudEventKind('qbo.customer')).toBeUndefined()
  })
})

describe('token response', () => {
  it('requires the refresh token the app must persist', () => {
    const body = { token_type: 'bearer', access_token: 'a', expires_in: 3600, x_refresh_token_expires_in: 8726400 }
    expect(QboTokenResponse.safeParse(body).error?.issues[0]?.path).toStrictEqual(['refresh_token'])
  })
})
