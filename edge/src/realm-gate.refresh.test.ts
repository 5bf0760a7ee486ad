import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader, sessionCookieFor } from '../test/helpers.ts'
import { admin, consent, freshCompany, lastSeq, requestLog, tokenCalls } from '../test/emulator.ts'

async function connected() {
  const realmId = await freshCompany()
  const { jar } = await consent({ decision: 'connect', realmId })
  return { realmId, cookie: cookieHeader(jar) }
}

const refreshesSentBy = (realmId: string) =>
  runInDurableObject(env.REALM_GATE.getByName(realmId), (gate) => gate.refreshCount)

describe('token refresh', () => {
  it('refreshes after a 401 and retries the call once', async () => {
    const { realmId, cookie } = await connected()
    await admin('/tokens/expire', { method: 'POST', body: JSON.stringify({ realmId, which: 'access' }) })
    const since = await lastSeq()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(res.status).toBe(200)
    const log = await requestLog(since)
    expect(log.map((e) => [e.path.replace(realmId, 'R'), e.status])).toEqual([
      ['/v3/company/R/customer/1', 401],
      ['/oauth2/v1/tokens/bearer', 200],
      ['/v3/company/R/customer/1', 200],
    ])
  })

  it('refreshes when the emulator clock passes the access token expiry', async () => {
    const { realmId, cookie } = await connected()
    await admin('/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 3700 }) })
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(res.status).toBe(200)
    expect(await refreshesSentBy(realmId)).toBe(1)
  })

  it('refreshes before calling when its own clock says the token is about to expire', async () => {
    const realmId = await freshCompany()
    const t = await admin<{ access_token: string; refresh_token: string }>('/tokens/connect', {
      method: 'POST',
      body: JSON.stringify({ realmId }),
    })
    const gate = env.REALM_GATE.getByName(realmId)
    const grant = await gate.storeGrant(realmId, {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      accessExpiresAt: Date.now() + 60_000,
      refreshExpiresAt: Date.now() + 86_400_000,
    })
    const since = await lastSeq()
    const cookie = await sessionCookieFor(realmId, grant.id)
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(res.status).toBe(200)
    // The 60 s left are inside the 300 s margin: refresh first, no 401 on the way.
    expect((await requestLog(since)).map((e) => [e.path.replace(realmId, 'R'), e.status])).toEqual([
      ['/oauth2/v1/tokens/bearer', 200],
      ['/v3/company/R/customer/1', 200],
    ])
  })

  it('sends exactly one refresh for 20 concurrent calls during an expiry, and keeps the connection', async () => {
    const { realmId, cookie } = await connected()
    await admin('/tokens/expire', { method: 'POST', body: JSON.stringify({ realmId, which: 'access' }) })
    const since = await lastSeq()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/${(i % 5) + 1}`, { headers: { cookie } }),
      ),
    )
    const statuses = await Promise.all(results.map(async (r) => (await r.body?.cancel(), r.status)))
    expect(statuses.filter((s) => s === 401 || s === 409)).toEqual([])
    expect(tokenCalls(await requestLog(since))).toHaveLength(1)
    expect(await refreshesSentBy(realmId)).toBe(1)
    const session = (await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json()) as {
      connected: boolean
      needsReconnect: boolean
    }
    expect(session).toMatchObject({ connected: true, needsReconnect: false })
    // And the rotated refresh token is the one kept: the next refresh still works.
    await admin('/tokens/expire', { method: 'POST', body: JSON.stringify({ realmId, which: 'access' }) })
    expect((await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })).status).toBe(200)
    expect(await refreshesSentBy(realmId)).toBe(2)
  })

  it("sends exactly one refresh for 20 concurrent calls when the edge's own clock says the token is about to expire", async () => {
    const realmId = await freshCompany()
    const t = await admin<{ access_token: string; refresh_token: string }>('/tokens/connect', {
      method: 'POST',
      body: JSON.stringify({ realmId }),
    })
    const gate = env.REALM_GATE.getByName(realmId)
    // Intuit still honours this access token; only the edge's margin says refresh.
    const grant = await gate.storeGrant(realmId, {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      accessExpiresAt: Date.now() + 60_000,
      refreshExpiresAt: Date.now() + 86_400_000,
    })
    const cookie = await sessionCookieFor(realmId, grant.id)
    const since = await lastSeq()
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/${(i % 5) + 1}`, { headers: { cookie } }).then(
          async (r) => (await r.body?.cancel(), r.status),
        ),
      ),
    )
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200))
    const log = await requestLog(since)
    expect(tokenCalls(log)).toHaveLength(1)
    expect(await refreshesSentBy(realmId)).toBe(1)
    // Every call went out after the refresh, with the new token: none met a 401.
    expect(log.filter((e) => e.status === 401)).toEqual([])
    expect(log.findIndex((e) => e.path === '/oauth2/v1/tokens/bearer')).toBe(0)
  })

  it('reports needs_reconnect when Intuit refuses the refresh token, and /api/session says so', async () => {
    const { realmId, cookie } = await connected()
    await admin('/tokens/revoke', { method: 'POST', body: JSON.stringify({ realmId }) })
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'needs_reconnect' } })
    const session = await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json()
    expect(session).toMatchObject({ connected: true, needsReconnect: true })
    // No second attempt with the dead grant.
    const since = await lastSeq()
    await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(await requestLog(since)).toEqual([])
  })
})
