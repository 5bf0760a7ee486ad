/** OpenID Connect: the discovery document and userinfo. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect, startWorld, type World } from '../../test-support/world.ts'

let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

describe('OpenID', () => {
  it("publishes a discovery document whose endpoints are the emulator's own", async () => {
    const doc = (await (await fetch(`${w.url}/.well-known/openid_configuration`)).json()) as Record<string, unknown>
    expect(doc.token_endpoint).toBe(`${w.url}/oauth2/v1/tokens/bearer`)
    expect(doc.authorization_endpoint).toBe(`${w.url}/connect/oauth2`)
    expect(doc.revocation_endpoint).toBe(`${w.url}/v2/oauth2/tokens/revoke`)
    expect(doc.userinfo_endpoint).toBe(`${w.url}/v1/openid_connect/userinfo`)
    expect(doc.token_endpoint_auth_methods_supported).toEqual(['client_secret_post', 'client_secret_basic'])
  })

  it('answers userinfo for a token with openid, with only the granted claims', async () => {
    const t = await connect(w)
    const res = await fetch(`${w.url}/v1/openid_connect/userinfo`, {
      headers: { Authorization: `Bearer ${t.access_token}` },
    })
    const body = await res.json()
    expect(body.email).toMatch(/@/)
    expect(body.givenName).toBeUndefined() // profile was not granted
    const bad = await fetch(`${w.url}/v1/openid_connect/userinfo`, { headers: { Authorization: 'Bearer nope' } })
    expect(bad.status).toBe(401)
  })
})
