/** Access tokens on the Accounting API: lifetime, bad tokens, scopes and companies. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClock } from '../clock.ts'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import {
  api,
  basic,
  connect,
  consent,
  redirectUri,
  startWorld,
  tokenRequest,
  type TokenBody,
  type World,
} from '../../test-support/world.ts'

let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

describe('access tokens', () => {
  it('expire after 3600 s of emulator time', async () => {
    const t = await connect(w)
    w.clock.advance(3_599_000)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
    w.clock.advance(1_000)
    const res = await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)
    expect(res.status).toBe(401)
    const body = await res.json()
    expect(body.fault.error[0]).toMatchObject({
      code: '3200',
      message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
    })
    expect(body.fault.error[0].detail).toMatch(/^Token expired/)
    expect(res.headers.get('www-authenticate')).toContain('invalid_token')
  })

  it("last Intuit's hour in a real minute at a time scale of 60", async () => {
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
    const res = await fetch(`${w.url}/v3/company/${realmA}/customer/1`, {
      headers: header === undefined ? {} : { Authorization: header },
    })
    expect(res.status).toBe(401)
    expect((await res.json()).fault).toMatchObject({ type: 'AUTHENTICATION', error: [{ code: '3200' }] })
  })

  it.each([
    ['only OpenID scopes', 'openid email'],
    ['only the Payments scope', 'com.intuit.quickbooks.payment'],
  ])(
    'answer 403 AuthorizationFailed (3100) on the Accounting API when granted %s (docs/quickbooks.md §1.2, §9.3)',
    async (_name, scope) => {
      const loc = await consent(w, 'connect', realmA, { scope })
      const t = (await (
        await tokenRequest(w, {
          grant_type: 'authorization_code',
          code: loc.searchParams.get('code')!,
          redirect_uri: redirectUri,
        })
      ).json()) as TokenBody
      for (const path of [
        `/v3/company/${realmA}/customer/1`,
        `/v3/company/${realmA}/query?query=select%20*%20from%20Customer`,
      ]) {
        const res = await api(w, t.access_token, path)
        expect(res.status).toBe(403)
        expect((await res.json()).fault.error[0]).toMatchObject({
          code: '3100',
          message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
        })
      }
      const post = await api(w, t.access_token, `/v3/company/${realmA}/customer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"DisplayName":"Scope Test"}',
      })
      expect(post.status).toBe(403)
      expect(w.stub.writes).toHaveLength(0)
      // The token itself is fine: OpenID's userinfo answers it when openid was granted.
      if (scope.includes('openid'))
        expect(
          (
            await fetch(`${w.url}/v1/openid_connect/userinfo`, {
              headers: { Authorization: `Bearer ${t.access_token}` },
            })
          ).status,
        ).toBe(200)
    },
  )

  it('answers 403 AuthorizationFailed (3100) for a live token of another company', async () => {
    const t = await connect(w, realmA)
    const res = await api(w, t.access_token, `/v3/company/${realmB}/customer/1`)
    expect(res.status).toBe(403)
    expect((await res.json()).fault.error[0]).toMatchObject({
      code: '3100',
      message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
    })
  })
})
