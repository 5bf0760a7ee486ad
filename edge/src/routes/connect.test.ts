import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader, testConfig } from '../../test/helpers.ts'
import { admin, consent, freshCompany, requestLog, lastSeq } from '../../test/emulator.ts'
import { signState } from '../session/tokens.ts'
import { sha256Base64Url } from '../crypto/base64.ts'
import { SessionResponse } from '#shared/api/session.ts'

const appUrl = (query: string) => `${env.APP_ORIGIN}/#/settings?${query}`

describe('connect flow against the emulator', () => {
  it('connects: consent, code exchange, company name, session cookie, back to the app', async () => {
    const realmId = await freshCompany('Rivera Plumbing')
    const { callback, jar } = await consent({ decision: 'connect', realmId })
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(appUrl('qbo=connected'))
    const setCookies = callback.headers.getSetCookie().join('\n')
    expect(setCookies).toMatch(/__Host-fs_session=[^;]+;.*HttpOnly/)
    expect(setCookies).toMatch(/__Host-fs_session=[^;]+;.*SameSite=Lax/)
    // __Host-: Secure and Path=/ even on plain-http loopback, which browsers treat as secure.
    expect(setCookies).toMatch(/__Host-fs_session=[^;]+;.*Secure/)
    expect(setCookies).toMatch(/__Host-fs_session=[^;]+;.*Path=\//)
    expect(jar.has('__Host-fs_oauth_state')).toBe(false)

    const session = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: cookieHeader(jar) } })
    const body = SessionResponse.parse(await session.json())
    expect(body).toMatchObject({
      connected: true,
      realmId,
      companyName: 'Rivera Plumbing',
      needsReconnect: false,
      changes: { changed: false },
    })
    if (!body.connected) throw new Error('expected a connected session')
    const days = (Date.parse(body.refreshTokenExpiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(99)
    expect(days).toBeLessThanOrEqual(100)
  })

  it('proxies to the session realm with minorversion added and requestid kept', async () => {
    const realmId = await freshCompany()
    const { jar } = await consent({ decision: 'connect', realmId })
    const since = await lastSeq()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer?requestid=keep-me-7`, {
      method: 'POST',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/json' },
      body: JSON.stringify({ DisplayName: `Proxy ${realmId}` }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toHaveProperty('Customer')
    const log = (await requestLog(since)).filter((e) => e.realmId === realmId)
    expect(log).toMatchObject([
      { method: 'POST', path: `/v3/company/${realmId}/customer`, status: 200, requestId: 'keep-me-7' },
    ])
  })

  it('keeps Intuit status and Fault body', async () => {
    const realmId = await freshCompany()
    const { jar } = await consent({ decision: 'connect', realmId })
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/999999`, {
      headers: { cookie: cookieHeader(jar) },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ Fault: { Error: [{ code: '610' }] } })
  })

  it('reports access_denied when the user cancels at Intuit', async () => {
    const { callback } = await consent({ decision: 'cancel' })
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(appUrl('qbo=error&code=access_denied'))
  })

  it('reports state_mismatch for an altered state', async () => {
    const realmId = await freshCompany()
    const { callback } = await consent(
      { decision: 'connect', realmId },
      { tamper: (url) => url.searchParams.set('state', 'forged-state-value') },
    )
    expect(callback.headers.get('location')).toBe(appUrl('qbo=error&code=state_mismatch'))
  })

  it('reports state_mismatch when the state cookie is missing, with a page that still reaches the app', async () => {
    const realmId = await freshCompany()
    const { callback } = await consent({ decision: 'connect', realmId }, { tamper: (_url, jar) => jar.clear() })
    expect(callback.status).toBe(200)
    const html = await callback.text()
    expect(html).toContain('"code":"state_mismatch"')
    expect(html).toContain(`window.location.replace(${JSON.stringify(appUrl('qbo=error&code=state_mismatch'))})`)
    expect(callback.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/)
  })

  it('reports state_expired when the attempt outlived its state cookie', async () => {
    const state = 'a-state-that-was-sent-eleven-minutes-ago'
    const cookie = await signState(
      testConfig().sessionKeys,
      { stateHash: await sha256Base64Url(state), popup: false },
      600,
      Date.now() - 11 * 60_000,
    )
    const res = await SELF.fetch(`${EDGE}/auth/intuit/callback?state=${state}&code=c&realmId=1`, {
      headers: { cookie: `__Host-fs_oauth_state=${cookie}` },
      redirect: 'manual',
    })
    expect(res.status).toBe(200) // expired: the popup flag is unknown, so the page decides
    expect(await res.text()).toContain('"code":"state_expired"')
  })

  it('keeps the state cookie well past its signed state, so a slow browser still reaches state_expired', async () => {
    const start = await SELF.fetch(`${EDGE}/auth/intuit/connect`, { redirect: 'manual' })
    const line = start.headers.getSetCookie().find((l) => l.startsWith('__Host-fs_oauth_state='))!
    const maxAge = Number(/Max-Age=(\d+)/i.exec(line)?.[1])
    const jwt = line.slice('__Host-fs_oauth_state='.length).split(';')[0]!
    const claims = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat: number
      exp: number
    }
    expect(claims.exp - claims.iat).toBe(600)
    expect(maxAge).toBeGreaterThanOrEqual(2 * (claims.exp - claims.iat))
  })

  it('reports invalid_callback when Intuit sends no code', async () => {
    const state = 'a-state-value-long-enough'
    const cookie = await signState(
      testConfig().sessionKeys,
      { stateHash: await sha256Base64Url(state), popup: false },
      600,
      Date.now(),
    )
    const res = await SELF.fetch(`${EDGE}/auth/intuit/callback?state=${state}&realmId=1`, {
      headers: { cookie: `__Host-fs_oauth_state=${cookie}` },
      redirect: 'manual',
    })
    expect(res.headers.get('location')).toBe(appUrl('qbo=error&code=invalid_callback'))
  })

  it('reports invalid_grant when the code is used twice', async () => {
    const realmId = await freshCompany()
    let replay: { url: string; cookie: string } | null = null
    const first = await consent(
      { decision: 'connect', realmId },
      { tamper: (url, jar) => (replay = { url: `${url.pathname}${url.search}`, cookie: cookieHeader(jar) }) },
    )
    expect(first.callback.headers.get('location')).toBe(appUrl('qbo=connected'))
    const again = await SELF.fetch(`${EDGE}${replay!.url}`, { headers: { cookie: replay!.cookie }, redirect: 'manual' })
    expect(again.headers.get('location')).toBe(appUrl('qbo=error&code=invalid_grant'))
  })

  it('refuses a callback whose realmId names another company, keeps its grant, revokes the stray tokens', async () => {
    const victim = await freshCompany('Victim Heating')
    const victimCookie = cookieHeader((await consent({ decision: 'connect', realmId: victim })).jar)
    const own = await freshCompany('Attacker Supply')
    // The attacker consents for their own company, then edits the unsigned realmId in Intuit's redirect.
    const { callback, jar } = await consent(
      { decision: 'connect', realmId: own },
      { tamper: (url) => url.searchParams.set('realmId', victim) },
    )
    expect(callback.headers.get('location')).toBe(appUrl('qbo=error&code=realm_mismatch'))
    expect(jar.has('__Host-fs_session')).toBe(false)

    // The victim's grant is the one still stored: their session works, named as before.
    const session = SessionResponse.parse(
      await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: victimCookie } })).json(),
    )
    expect(session).toMatchObject({
      connected: true,
      realmId: victim,
      companyName: 'Victim Heating',
      needsReconnect: false,
    })
    expect(
      (await SELF.fetch(`${EDGE}/api/qbo/${victim}/customer/1`, { headers: { cookie: victimCookie } })).status,
    ).toBe(200)
    const tokens = await admin<{ connections: Array<{ realmId: string; revoked: boolean }> }>('/tokens')
    expect(tokens.connections.filter((c) => c.realmId === own).map((c) => c.revoked)).toEqual([true])
    expect(tokens.connections.filter((c) => c.realmId === victim).map((c) => c.revoked)).toEqual([false])
  })

  it('posts the outcome to the opener, for the app origin only, when run in a popup', async () => {
    const realmId = await freshCompany('Popup Heating')
    const { callback } = await consent({ decision: 'connect', realmId }, { popup: true })
    expect(callback.status).toBe(200)
    const html = await callback.text()
    expect(html).toContain(`opener.postMessage(message, ${JSON.stringify(env.APP_ORIGIN)})`)
    expect(html).toContain('"status":"connected"')
    expect(html).toContain('"companyName":"Popup Heating"')
    expect(html).toContain('window.close()')
    expect(callback.headers.getSetCookie().join('\n')).toContain('__Host-fs_session=')
  })

  it('answers /api/session for a browser that never connected', async () => {
    const res = await SELF.fetch(`${EDGE}/api/session`)
    expect(await res.json()).toEqual({ connected: false, needsReconnect: false })
  })
})
