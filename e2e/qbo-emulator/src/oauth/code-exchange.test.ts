/** The token endpoint exchanging authorization codes: client authentication, single use, id_token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import {
  api,
  app,
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

const refresh = (token: string) => tokenRequest(w, { grant_type: 'refresh_token', refresh_token: token })

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
      {
        grant_type: 'authorization_code',
        code: loc.searchParams.get('code')!,
        redirect_uri: redirectUri,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      },
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
    const res = await tokenRequest(
      w,
      { grant_type: 'authorization_code', code: loc.searchParams.get('code')!, redirect_uri: redirectUri },
      auth,
    )
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
    const res = await tokenRequest(w, {
      grant_type: 'authorization_code',
      code: loc.searchParams.get('code')!,
      redirect_uri: app.redirectUris[1],
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toBe('invalid_grant')
  })

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await tokenRequest(w, { grant_type: 'client_credentials' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type' })
  })

  it("includes a verifiable RS256 id_token with Intuit's claims when openid was granted", async () => {
    const t = await connect(w, realmB)
    const discovery = (await (await fetch(`${w.url}/.well-known/openid_configuration`)).json()) as Record<
      string,
      string
    >
    const { payload } = await jwtVerify(t.id_token!, createRemoteJWKSet(new URL(discovery.jwks_uri!)), {
      issuer: discovery.issuer!,
      audience: app.clientId,
      currentDate: new Date(w.clock.now()),
    })
    expect(payload.realmid).toBe(realmB)
    expect(typeof payload.sub).toBe('string')
  })
})
