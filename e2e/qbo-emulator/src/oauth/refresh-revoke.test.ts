/** Refresh tokens (rotation, rolling expiry, owner app) and revocation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { realmA } from '../../test-support/stub-companies.ts'
import {
  api,
  app,
  basic,
  connect,
  startWorld,
  tokenRequest,
  type TokenBody,
  type World,
} from '../../test-support/world.ts'

const day = 86_400_000
let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

const refresh = (token: string) => tokenRequest(w, { grant_type: 'refresh_token', refresh_token: token })

describe('refresh tokens', () => {
  it('keep their value until the rotation interval, then rotate; the superseded one is invalid_grant', async () => {
    const t = await connect(w)
    w.clock.advance(3_600_000)
    const early = (await (await refresh(t.refresh_token)).json()) as TokenBody
    expect(early.refresh_token).toBe(t.refresh_token)
    expect(early.access_token).not.toBe(t.access_token)
    w.clock.advance(day)
    const rotated = (await (await refresh(t.refresh_token)).json()) as TokenBody
    expect(rotated.refresh_token).not.toBe(t.refresh_token)
    const stale = await refresh(t.refresh_token)
    expect(stale.status).toBe(400)
    expect((await stale.json()).error).toBe('invalid_grant')
    expect((await refresh(rotated.refresh_token)).status).toBe(200)
  })

  it('expire 100 days after their last use (rolling), and each refresh extends them', async () => {
    const t = await connect(w)
    w.clock.advance(99 * day)
    const r1 = (await (await refresh(t.refresh_token)).json()) as TokenBody
    expect(r1.x_refresh_token_expires_in).toBe(100 * 86_400)
    w.clock.advance(99 * day)
    const r2 = await refresh(r1.refresh_token)
    expect(r2.status).toBe(200)
    const body = (await r2.json()) as TokenBody
    w.clock.advance(100 * day)
    const dead = await refresh(body.refresh_token)
    expect(dead.status).toBe(400)
    expect((await dead.json()).error).toBe('invalid_grant')
  })

  it('report the remaining hard life when asked with x-include-refresh-token-hard-expires-in', async () => {
    const t = await connect(w)
    w.clock.advance(day)
    const res = await fetch(`${w.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        Authorization: basic(),
        'Content-Type': 'application/x-www-form-urlencoded',
        'x-include-refresh-token-hard-expires-in': 'true',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token }),
    })
    expect((await res.json()).x_refresh_token_hard_expires_in).toBe(5 * 365 * 86_400 - 86_400)
  })

  it('cannot be used by another app', async () => {
    w.emu.apps.register({ clientId: 'other', clientSecret: 'other-secret', redirectUris: ['https://other.example/cb'] })
    const t = await connect(w)
    const res = await tokenRequest(
      w,
      { grant_type: 'refresh_token', refresh_token: t.refresh_token },
      basic('other', 'other-secret'),
    )
    expect((await res.json()).error).toBe('invalid_grant')
  })
})

describe('revoke', () => {
  it('disconnects the app: access and refresh tokens stop working', async () => {
    const t = await connect(w)
    const res = await fetch(`${w.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: basic(), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: t.refresh_token }),
    })
    expect(res.status).toBe(200)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
    expect((await (await refresh(t.refresh_token)).json()).error).toBe('invalid_grant')
    expect(w.emu.tokens.isConnected(app.clientId, realmA)).toBe(false)
  })

  it('accepts an access token too, and disconnects all the same', async () => {
    const t = await connect(w)
    const res = await fetch(`${w.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: basic(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: t.access_token }),
    })
    expect(res.status).toBe(200)
    expect((await (await refresh(t.refresh_token)).json()).error).toBe('invalid_grant')
  })

  it('needs client authentication and a known token', async () => {
    const t = await connect(w)
    const noAuth = await fetch(`${w.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: t.refresh_token }),
    })
    expect(noAuth.status).toBe(401)
    const unknown = await fetch(`${w.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: basic(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'RT1-nothing' }),
    })
    expect(unknown.status).toBe(400)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
  })
})
