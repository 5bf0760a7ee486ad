import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { createClock } from '../clock.ts'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import { api, app, authorizeUrl, basic, connect, consent, redirectUri, startWorld, tokenRequest, type TokenBody, type World } from '../../test-support/world.ts'

const day = 86_400_000
let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

const refresh = (token: string) => tokenRequest(w, { grant_type: 'refresh_token', refresh_token: token })

describe('authorize page', () => {
  it('shows the app, the scopes and a picker of the user\'s companies', async () => {
    const res = await fetch(authorizeUrl(w))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`${app.appName} wants to connect`)
    expect(html).toContain('customers, products and services, invoices and payments')
    expect(html).toContain(`value="${realmA}"`)
    expect(html).toContain(`value="${realmB}"`)
    expect(html).toMatch(/name="decision" value="connect"/)
    expect(html).toMatch(/name="decision" value="cancel"/)
    // Implicit submission (Enter) uses the first submit button: it must be Connect, not Cancel.
    expect(html.indexOf('value="connect"')).toBeLessThan(html.indexOf('value="cancel"'))
  })

  it('shows the single company without a picker when the user has one', async () => {
    w.stub.list = () => [{ realmId: realmA, companyName: 'Only One Co' }]
    const html = await (await fetch(authorizeUrl(w))).text()
    expect(html).toContain('Only One Co')
    expect(html).not.toContain('type="radio"')
  })

  it('escapes company names', async () => {
    w.stub.list = () => [{ realmId: realmA, companyName: '<script>alert(1)</script> & Sons' }]
    const html = await (await fetch(authorizeUrl(w))).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons')
    expect(html).not.toContain('<script>alert')
  })

  it('redirects with code, state and the chosen realmId on Connect', async () => {
    const loc = await consent(w, 'connect', realmB)
    expect(loc.origin + loc.pathname).toBe(redirectUri)
    expect(loc.searchParams.get('state')).toBe('st-123')
    expect(loc.searchParams.get('realmId')).toBe(realmB)
    expect(loc.searchParams.get('code')).toMatch(/^AB11/)
  })

  it('redirects with error=access_denied and the state on Cancel', async () => {
    const loc = await consent(w, 'cancel')
    expect(loc.searchParams.get('error')).toBe('access_denied')
    expect(loc.searchParams.get('state')).toBe('st-123')
    expect(loc.searchParams.has('code')).toBe(false)
  })

  it.each([
    ['an unknown client_id', { client_id: 'nobody' }],
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/callback' }],
    ['a redirect_uri differing only by a trailing slash', { redirect_uri: `${redirectUri}/` }],
  ])('refuses %s with an error page and never redirects', async (_name, params) => {
    const res = await fetch(authorizeUrl(w, params), { redirect: 'manual' })
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
    // The consent form re-checks: a tampered form is refused the same way.
    const post = await fetch(`${w.url}/connect/oauth2`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ client_id: app.clientId, redirect_uri: redirectUri, scope: 'openid', state: 's', response_type: 'code', realmId: realmA, decision: 'connect', ...params }),
    })
    expect(post.status).toBe(400)
    expect(post.headers.get('location')).toBeNull()
  })

  it.each([
    [{ scope: 'com.intuit.quickbooks.everything' }, 'invalid_scope'],
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ state: '' }, 'invalid_request'],
  ])('reports %o to the app as %s through the redirect', async (params, error) => {
    const res = await fetch(authorizeUrl(w, params), { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe(error)
  })

  it.each([
    ['no scope parameter', (u: URL) => u.searchParams.delete('scope')],
    ['an empty scope', (u: URL) => u.searchParams.set('scope', '  ')],
    ['one unknown scope among known ones', (u: URL) => u.searchParams.set('scope', 'openid com.intuit.quickbooks.accounting.readonly')],
  ])('answers %s with error=invalid_scope and the state, issuing no code (§1.4)', async (_name, change) => {
    const url = new URL(authorizeUrl(w))
    change(url)
    const res = await fetch(url, { redirect: 'manual' })
    const back = new URL(res.headers.get('location')!)
    expect([res.status, back.searchParams.get('error'), back.searchParams.get('state'), back.searchParams.has('code')]).toEqual([302, 'invalid_scope', 'st-123', false])
  })
})

describe('token endpoint: authorization_code', () => {
  it('exchanges a code with HTTP Basic client authentication', async () => {
    const t = await connect(w)
    expect(t.token_type).toBe('bearer')
    expect(t.expires_in).toBe(3600)
    expect(t.x_refresh_token_expires_in).toBe(100 * 86_400)
    expect(t.refresh_token).toMatch(/^RT1-/)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
  })

  it('accepts client_secret_post, as the discovery document advertises', async () => {
    const loc = await consent(w, 'connect')
    const res = await tokenRequest(
      w,
      { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirectUri, client_id: app.clientId, client_secret: app.clientSecret },
      null,
    )
    expect(res.status).toBe(200)
  })

  it.each([
    ['no client authentication', null],
    ['a wrong secret', basic(app.clientId, 'wrong')],
    ['an unknown client', basic('someone-else', app.clientSecret)],
    ['a malformed Basic header', 'Basic !!!'],
  ])('answers 401 invalid_client for %s', async (_name, auth) => {
    const loc = await consent(w, 'connect')
    const res = await tokenRequest(w, { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirectUri }, auth)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'invalid_client' })
  })

  it('uses a code once; reusing it is invalid_grant and revokes the tokens it issued', async () => {
    const loc = await consent(w, 'connect')
    const form = { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirectUri }
    const first = (await (await tokenRequest(w, form)).json()) as TokenBody
    const second = await tokenRequest(w, form)
    expect(second.status).toBe(400)
    expect((await second.json()).error).toBe('invalid_grant')
    expect((await api(w, first.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
    expect((await (await refresh(first.refresh_token)).json()).error).toBe('invalid_grant')
  })

  it('refuses a redirect_uri different from the authorize request with invalid_grant', async () => {
    const loc = await consent(w, 'connect')
    const res = await tokenRequest(w, { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: app.redirectUris[1] })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toBe('invalid_grant')
  })

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await tokenRequest(w, { grant_type: 'client_credentials' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type' })
  })

  it('includes a verifiable RS256 id_token with Intuit\'s claims when openid was granted', async () => {
    const t = await connect(w, realmB)
    const discovery = (await (await fetch(`${w.url}/.well-known/openid_configuration`)).json()) as Record<string, string>
    const { payload } = await jwtVerify(t.id_token!, createRemoteJWKSet(new URL(discovery.jwks_uri!)), { issuer: discovery.issuer!, audience: app.clientId, currentDate: new Date(w.clock.now()) })
    expect(payload.realmid).toBe(realmB)
    expect(typeof payload.sub).toBe('string')
  })
})

describe('access tokens', () => {
  it('expire after 3600 s of emulator time', async () => {
    const t = await connect(w)
    w.clock.advance(3_599_000)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
    w.clock.advance(1_000)
    const res = await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)
    expect(res.status).toBe(401)
    const body = await res.json()
    expect(body.fault.error[0]).toMatchObject({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' })
    expect(body.fault.error[0].detail).toMatch(/^Token expired/)
    expect(res.headers.get('www-authenticate')).toContain('invalid_token')
  })

  it('last Intuit\'s hour in a real minute at a time scale of 60', async () => {
    await w.close()
    let real = 0
    w = await startWorld({ clock: createClock({ timeScale: 60, realNow: () => real, start: Date.UTC(2025, 2, 1) }) })
    const t = await connect(w)
    real += 59_999
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
    real += 1
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(401)
  })

  it.each([
    ['no Authorization header', undefined],
    ['a malformed bearer token', 'Bearer abc'],
    ['an unknown well-formed token', 'Bearer eyJ..' + 'a'.repeat(300) + '.b.c'],
    ['a Basic header', basic()],
  ])('answers 401 AuthenticationFailed for %s', async (_name, header) => {
    const res = await fetch(`${w.url}/v3/company/${realmA}/customer/1`, { headers: header === undefined ? {} : { Authorization: header } })
    expect(res.status).toBe(401)
    expect((await res.json()).fault).toMatchObject({ type: 'AUTHENTICATION', error: [{ code: '3200' }] })
  })

  it.each([
    ['only OpenID scopes', 'openid email'],
    ['only the Payments scope', 'com.intuit.quickbooks.payment'],
  ])('answer 403 AuthorizationFailed (3100) on the Accounting API when granted %s (§1.2, §9.3)', async (_name, scope) => {
    const loc = await consent(w, 'connect', realmA, { scope })
    const t = (await (await tokenRequest(w, { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirectUri })).json()) as TokenBody
    for (const path of [`/v3/company/${realmA}/customer/1`, `/v3/company/${realmA}/query?query=select%20*%20from%20Customer`]) {
      const res = await api(w, t.access_token, path)
      expect(res.status).toBe(403)
      expect((await res.json()).fault.error[0]).toMatchObject({ code: '3100', message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403' })
    }
    const post = await api(w, t.access_token, `/v3/company/${realmA}/customer`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"DisplayName":"Scope Test"}' })
    expect(post.status).toBe(403)
    expect(w.stub.writes).toHaveLength(0)
    // The token itself is fine: OpenID's userinfo answers it when openid was granted.
    if (scope.includes('openid')) expect((await fetch(`${w.url}/v1/openid_connect/userinfo`, { headers: { Authorization: `Bearer ${t.access_token}` } })).status).toBe(200)
  })

  it('answers 403 AuthorizationFailed (3100) for a live token of another company', async () => {
    const t = await connect(w, realmA)
    const res = await api(w, t.access_token, `/v3/company/${realmB}/customer/1`)
    expect(res.status).toBe(403)
    expect((await res.json()).fault.error[0]).toMatchObject({ code: '3100', message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403' })
  })
})

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
      headers: { Authorization: basic(), 'Content-Type': 'application/x-www-form-urlencoded', 'x-include-refresh-token-hard-expires-in': 'true' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token }),
    })
    expect((await res.json()).x_refresh_token_hard_expires_in).toBe(5 * 365 * 86_400 - 86_400)
  })

  it('cannot be used by another app', async () => {
    w.emu.apps.register({ clientId: 'other', clientSecret: 'other-secret', redirectUris: ['https://other.example/cb'] })
    const t = await connect(w)
    const res = await tokenRequest(w, { grant_type: 'refresh_token', refresh_token: t.refresh_token }, basic('other', 'other-secret'))
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
    const noAuth = await fetch(`${w.url}/v2/oauth2/tokens/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: t.refresh_token }) })
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

describe('OpenID', () => {
  it('publishes a discovery document whose endpoints are the emulator\'s own', async () => {
    const doc = (await (await fetch(`${w.url}/.well-known/openid_configuration`)).json()) as Record<string, unknown>
    expect(doc.token_endpoint).toBe(`${w.url}/oauth2/v1/tokens/bearer`)
    expect(doc.authorization_endpoint).toBe(`${w.url}/connect/oauth2`)
    expect(doc.revocation_endpoint).toBe(`${w.url}/v2/oauth2/tokens/revoke`)
    expect(doc.userinfo_endpoint).toBe(`${w.url}/v1/openid_connect/userinfo`)
    expect(doc.token_endpoint_auth_methods_supported).toEqual(['client_secret_post', 'client_secret_basic'])
  })

  it('answers userinfo for a token with openid, with only the granted claims', async () => {
    const t = await connect(w)
    const res = await fetch(`${w.url}/v1/openid_connect/userinfo`, { headers: { Authorization: `Bearer ${t.access_token}` } })
    const body = await res.json()
    expect(body.email).toMatch(/@/)
    expect(body.givenName).toBeUndefined() // profile was not granted
    const bad = await fetch(`${w.url}/v1/openid_connect/userinfo`, { headers: { Authorization: 'Bearer nope' } })
    expect(bad.status).toBe(401)
  })
})
