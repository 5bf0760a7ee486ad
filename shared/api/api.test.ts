import { describe, expect, it } from 'vitest'
import { ApiErrorBody, ConnectMessage, SessionResponse, connectReturnPath, qboProxyPath } from './index.ts'

describe('web ↔ edge contract', () => {
  it('builds proxy paths under the realm, keeping requestid as given', () => {
    expect(qboProxyPath('9130', '/invoice', { requestid: 'a b/1' })).toBe('/api/qbo/9130/invoice?requestid=a+b%2F1')
    expect(qboProxyPath('9130', 'customer/42')).toBe('/api/qbo/9130/customer/42')
  })

  it('names the return route for each connect outcome', () => {
    expect(connectReturnPath({ status: 'connected' })).toBe('/#/settings?qbo=connected')
    expect(connectReturnPath({ status: 'error', code: 'state_mismatch' })).toBe(
      '/#/settings?qbo=error&code=state_mismatch',
    )
  })

  it('rejects bodies outside the contract', () => {
    expect(ApiErrorBody.safeParse({ error: { code: 'paced', message: 'wait', retryAfterMs: 1200 } }).success).toBe(true)
    expect(ApiErrorBody.safeParse({ error: { code: 'teapot', message: 'x' } }).success).toBe(false)
    expect(
      ConnectMessage.safeParse({ type: 'fieldsync:qbo-connect', status: 'error', code: 'nope', message: 'x' }).success,
    ).toBe(false)
    expect(SessionResponse.safeParse({ connected: true, realmId: '1' }).success).toBe(false)
    expect(SessionResponse.safeParse({ connected: false, needsReconnect: false }).success).toBe(true)
  })
})
