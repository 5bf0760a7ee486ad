// What the platform half sends must read like Intuit's recorded answers: same keys as the recordings
// in fixtures/qbo, and accepted by the shared wire schemas the app parses them with.
import { readQboFixture } from '#fixtures/qbo-fixtures.ts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QBO_FAULTS, faultOf } from '#shared/qbo/fault.ts'
import { QboOpenIdDiscovery, QboTokenError, QboTokenResponse } from '#shared/qbo/oauth.ts'
import { QboWebhookNotification } from '#shared/qbo/webhook.ts'
import { buildPayload } from './webhooks/payload.ts'
import { realmA, realmB } from '../test-support/stub-companies.ts'
import { api, connect, startWorld, tokenRequest, type World } from '../test-support/world.ts'

const fixture = (path: string) => readQboFixture(path) as Record<string, unknown>
const keys = (o: unknown) => Object.keys(o as object).sort()

let w: World
beforeEach(async () => {
  w = await startWorld({ limits: { requestsPerWindow: 2 } })
})
afterEach(() => w.close())

describe('wire conformance', () => {
  it('token responses and errors have the recorded shape', async () => {
    const { realmId: _realmId, ...t } = await connect(w)
    expect(QboTokenResponse.safeParse(t).success).toBe(true)
    const recorded = fixture('oauth/refresh-token-response.dotnet-sdk.json')
    expect(keys(t)).toEqual(keys(recorded))
    const err = await (await tokenRequest(w, { grant_type: 'refresh_token', refresh_token: 'RT1-unknown' })).json()
    expect(QboTokenError.safeParse(err).success).toBe(true)
    expect(keys(err)).toEqual(keys(fixture('oauth/token-error-invalid-grant.oauth-jsclient.json')))
  })

  it("the discovery document has every key of Intuit's", async () => {
    const doc = await (await fetch(`${w.url}/.well-known/openid_configuration`)).json()
    expect(QboOpenIdDiscovery.safeParse(doc).success).toBe(true)
    expect(keys(doc)).toEqual(keys(fixture('oauth/openid-discovery.dotnet-sdk.json')))
  })

  it('gateway faults (401, 403, 429) have the recorded envelope and the shared codes and messages', async () => {
    const t = await connect(w)
    const expired = await api(w, 'x'.repeat(300), `/v3/company/${realmA}/customer/1`)
    const body401 = await expired.json()
    expect(keys(body401)).toEqual(keys(fixture('fault/authentication-3200-401-token-expired.qbo_api.json')))
    const other = await (await api(w, t.access_token, `/v3/company/${realmB}/customer/1`)).json()
    expect(keys(other)).toEqual(keys(fixture('fault/authorization-3100-403.github-issue.json')))
    await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)
    await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)
    const throttled = await (await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).json()
    for (const [body, info] of [
      [body401, QBO_FAULTS.authenticationFailed],
      [other, QBO_FAULTS.authorizationFailed],
      [throttled, QBO_FAULTS.throttled],
    ] as const) {
      expect(faultOf(body)).toMatchObject({ type: info.type, Error: [{ code: info.code, Message: info.message }] })
    }
  })

  it('webhook payloads are read by the shared schema', () => {
    const payload = buildPayload([
      { realmId: realmA, entity: 'Invoice', id: '130', operation: 'Void', lastUpdated: '2025-03-05T14:42:21-07:00' },
    ])
    expect(QboWebhookNotification.safeParse(payload).success).toBe(true)
    const recorded = fixture('webhook/classic-customer-create.signed.java-sdk.json').eventNotifications as {
      dataChangeEvent: { entities: { lastUpdated: string }[] }
    }[]
    expect(keys(payload.eventNotifications[0])).toEqual(keys(recorded[0]))
    // Same timestamp shape as the recording: seconds, and an offset without a colon.
    const shape = (s: string) => s.replace(/\d/g, '9')
    expect(shape(payload.eventNotifications[0]!.dataChangeEvent.entities[0]!.lastUpdated)).toBe(
      shape(recorded[0]!.dataChangeEvent.entities[0]!.lastUpdated),
    )
  })
})
