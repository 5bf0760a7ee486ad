/** The connect flow when Intuit is down, refuses, or cannot confirm the company. */
import { SELF, env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EDGE, cookieHeader } from '../../test/helpers.ts'
import { admin, consent, consentUntilCallback, freshCompany } from '../../test/emulator.ts'
import { app } from '../app.ts'

const appUrl = (query: string) => `${env.APP_ORIGIN}/#/settings?${query}`

describe('connect flow when Intuit is down', () => {
  afterEach(() => vi.restoreAllMocks())

  // Runs the routes in this isolate (app.request) so the token endpoint can be made to fail.
  const callbackWith = async (tokenEndpoint: (req: Request) => Promise<Response>) => {
    const callback = await consentUntilCallback(await freshCompany())
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      return req.url === env.INTUIT_TOKEN_URL ? tokenEndpoint(req) : realFetch(req)
    })
    return app.request(callback.url, { headers: { cookie: callback.cookie } }, env)
  }

  it('reports intuit_unavailable on a 5xx from the token endpoint', async () => {
    const res = await callbackWith(async () => new Response('upstream error', { status: 503 }))
    expect(res.headers.get('location')).toBe(appUrl('qbo=error&code=intuit_unavailable'))
  })

  it('reports edge_error when Intuit refuses the client credentials', async () => {
    const callback = await consentUntilCallback(await freshCompany())
    const res = await app.request(
      callback.url,
      { headers: { cookie: callback.cookie } },
      { ...env, INTUIT_CLIENT_SECRET: 'not-the-secret' },
    )
    expect(res.headers.get('location')).toBe(appUrl('qbo=error&code=edge_error'))
  })

  it('stores nothing and revokes nothing when CompanyInfo cannot confirm the company', async () => {
    const realmId = await freshCompany('Unconfirmed Electric')
    const earlier = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
    const callback = await consentUntilCallback(realmId)
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      return new URL(req.url).pathname.includes('/companyinfo/')
        ? new Response('down', { status: 503 })
        : realFetch(req)
    })
    const res = await app.request(callback.url, { headers: { cookie: callback.cookie } }, env)
    vi.restoreAllMocks()
    expect(res.headers.get('location')).toBe(appUrl('qbo=error&code=intuit_unavailable'))
    expect(res.headers.getSetCookie().join('\n')).not.toContain('__Host-fs_session=')
    // The grant stored before is still the realm's, and Intuit was not asked to revoke anything.
    expect((await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie: earlier } })).status).toBe(
      200,
    )
    const tokens = await admin<{ connections: Array<{ realmId: string; revoked: boolean }> }>('/tokens')
    expect(tokens.connections.filter((c) => c.realmId === realmId).map((c) => c.revoked)).toEqual([false, false])
  })

  it('sets the __Host- session cookie: Max-Age, HttpOnly, SameSite=Lax, Secure and Path=/, even on loopback', async () => {
    const callback = await consentUntilCallback(await freshCompany())
    const res = await app.request(callback.url, { headers: { cookie: callback.cookie } }, env)
    expect(res.headers.get('location')).toBe(`${env.APP_ORIGIN}/#/settings?qbo=connected`)
    const line = res.headers.getSetCookie().find((l) => l.startsWith('__Host-fs_session='))!
    const attrs = line
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase())
    expect(attrs).toEqual(
      expect.arrayContaining([`max-age=${30 * 24 * 3600}`, 'httponly', 'samesite=lax', 'secure', 'path=/']),
    )
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false)
  })

  it('reports intuit_unavailable when the token endpoint cannot be reached', async () => {
    const res = await callbackWith(async () => {
      throw new TypeError('connection refused')
    })
    expect(res.headers.get('location')).toBe(appUrl('qbo=error&code=intuit_unavailable'))
  })
})
