import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import { api, connect, startWorld, tokenRequest, type TokenBody, type World } from '../../test-support/world.ts'

let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

const admin = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init
  return fetch(`${w.url}/__admin${path}`, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }),
  })
}

describe('admin: companies', () => {
  it("lists companies and reads one's whole state; an unknown company is 404", async () => {
    expect(await (await admin('/companies')).json()).toEqual(w.stub.list())
    expect((await admin(`/companies/${realmA}`)).status).toBe(200)
    const missing = await admin('/companies/123')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.kind).toBe('not_found')
  })

  it('resets every company to the start seed on request', async () => {
    const res = await admin('/companies/reset', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(w.stub.list())
    expect(w.stub.resets).toBe(1)
  })

  it('passes bookkeeper edits and deletes to the company, validating the body', async () => {
    const edit = await admin(`/companies/${realmA}/customer/5`, { method: 'PATCH', json: { DisplayName: 'Ada' } })
    expect(await edit.json()).toEqual({ Id: '5', DisplayName: 'Ada' })
    expect(
      (await admin(`/companies/${realmA}/customer/5`, { method: 'PATCH', json: ['not', 'an', 'object'] })).status,
    ).toBe(400)
    expect((await admin(`/companies/${realmA}/customer/5`, { method: 'PATCH', body: '{oops' })).status).toBe(400)
    expect(await (await admin(`/companies/${realmA}/invoice/9`, { method: 'DELETE' })).json()).toEqual({
      Id: '9',
      status: 'Deleted',
    })
  })
})

describe('admin: tokens', () => {
  it('connects an app without the consent page, for tests and benchmarks', async () => {
    const res = await admin('/tokens/connect', { method: 'POST', json: { realmId: realmB } })
    const t = (await res.json()) as TokenBody
    expect((await api(w, t.access_token, `/v3/company/${realmB}/customer/1`)).status).toBe(200)
  })

  it('expires access tokens of one company, so the next call is 401 and a refresh recovers', async () => {
    const a = await connect(w, realmA)
    const b = await connect(w, realmB)
    expect(await (await admin('/tokens/expire', { method: 'POST', json: { realmId: realmA } })).json()).toEqual({
      expired: 1,
    })
    expect((await api(w, a.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
    expect((await api(w, b.access_token, `/v3/company/${realmB}/customer/1`)).status).toBe(200)
    const refreshed = (await (
      await tokenRequest(w, { grant_type: 'refresh_token', refresh_token: a.refresh_token })
    ).json()) as TokenBody
    expect((await api(w, refreshed.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
  })

  it('expires refresh tokens too, which forces a reconnect', async () => {
    const a = await connect(w, realmA)
    await admin('/tokens/expire', { method: 'POST', json: { realmId: realmA, which: 'both' } })
    expect(
      (await (await tokenRequest(w, { grant_type: 'refresh_token', refresh_token: a.refresh_token })).json()).error,
    ).toBe('invalid_grant')
  })

  it("revokes a company's connection as a user disconnecting the app would", async () => {
    const a = await connect(w, realmA)
    expect(await (await admin('/tokens/revoke', { method: 'POST', json: { realmId: realmA } })).json()).toEqual({
      revoked: 1,
    })
    expect((await api(w, a.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
  })

  it('changes token lifetimes', async () => {
    const res = await admin('/tokens/lifetimes', { method: 'PUT', json: { accessTokenSeconds: 60 } })
    expect((await res.json()).accessTokenSeconds).toBe(60)
    const a = await connect(w)
    expect(a.expires_in).toBe(60)
    w.clock.advance(60_000)
    expect((await api(w, a.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
    expect((await admin('/tokens/lifetimes', { method: 'PUT', json: { accessTokenSeconds: -1 } })).status).toBe(400)
  })
})

describe('admin: clock', () => {
  it('moves emulator time forward and never back', async () => {
    const before = (await (await admin('/clock')).json()).now as number
    const after = await (await admin('/clock/advance', { method: 'POST', json: { seconds: 3600 } })).json()
    expect(after.now - before).toBe(3_600_000)
    expect((await admin('/clock/advance', { method: 'POST', json: { ms: -5 } })).status).toBe(400)
  })
})

describe('admin: request log', () => {
  it('records method, path, status, realm, requestid and client of API and OAuth calls, and can be cleared', async () => {
    const t = await connect(w)
    await api(w, t.access_token, `/v3/company/${realmA}/customer?requestid=abc-1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    await api(w, 'bad', `/v3/company/${realmA}/customer/1`)
    const log = (await (await admin('/requests')).json()) as Record<string, unknown>[]
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /connect/oauth2 302',
      'POST /oauth2/v1/tokens/bearer 200',
      `POST /v3/company/${realmA}/customer 200`,
      `GET /v3/company/${realmA}/customer/1 401`,
    ])
    expect(log[1]).toMatchObject({ clientId: 'fieldsync-local', realmId: null }) // token calls name the app too
    expect(log[2]).toMatchObject({ realmId: realmA, requestId: 'abc-1', clientId: 'fieldsync-local', chaos: null })
    expect(typeof log[2]!.time).toBe('string')
    const onlyA = (await (await admin(`/requests?realmId=${realmA}`)).json()) as unknown[]
    expect(onlyA).toHaveLength(2)
    expect((await admin('/requests', { method: 'DELETE' })).status).toBe(204)
    expect(await (await admin('/requests')).json()).toEqual([])
  })
})

describe('admin: apps and webhooks', () => {
  it('registers an app like the Keys tab, which can then complete OAuth', async () => {
    const res = await admin('/apps', {
      method: 'POST',
      json: { clientId: 'x', clientSecret: 'y', redirectUris: ['https://x.example/cb'] },
    })
    expect(res.status).toBe(201)
    expect(
      (
        await admin('/apps', {
          method: 'POST',
          json: { clientId: 'x', clientSecret: 'y', redirectUris: ['not a url'] },
        })
      ).status,
    ).toBe(400)
    const authorize = await fetch(
      `${w.url}/connect/oauth2?client_id=x&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://x.example/cb')}&state=s`,
    )
    expect(authorize.status).toBe(200)
  })

  it("sets and removes an app's webhook endpoint", async () => {
    const set = await admin('/apps/fieldsync-local/webhook', {
      method: 'PUT',
      json: { url: 'https://hooks.example/q', verifierToken: 'v' },
    })
    expect((await set.json()).webhook).toEqual({ url: 'https://hooks.example/q', verifierToken: 'v' })
    expect(
      (
        await admin('/apps/nobody/webhook', {
          method: 'PUT',
          json: { url: 'https://hooks.example/q', verifierToken: 'v' },
        })
      ).status,
    ).toBe(404)
    expect((await admin('/apps/fieldsync-local/webhook', { method: 'DELETE' })).status).toBe(204)
    expect(w.emu.apps.get('fieldsync-local')!.webhook).toBeUndefined()
  })
})
