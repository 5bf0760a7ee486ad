/**
 * @module
 * The OpenID side of Intuit's identity platform: the discovery document (docs/quickbooks.md §1.1, shaped like
 * fixtures/qbo/oauth/openid-discovery.dotnet-sdk.json but pointing at the emulator), a JWKS,
 * RS256 ID tokens with Intuit's claims (aud, exp, iat, iss, realmid, sub) and userinfo.
 */
import { Hono } from 'hono'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'
import type { Clock } from '../clock.ts'
import type { TokenStore } from './token-store.ts'

/** The one user the emulator knows: the administrator of every company. */
export const emulatedUser = {
  sub: '3f6c2b9e-8a41-4d2e-9b7a-5c1d0e7f4a21',
  givenName: 'Alex',
  familyName: 'Rivera',
  email: 'alex.rivera@example.com',
  emailVerified: true,
  phoneNumber: '+1 5550100100',
  phoneNumberVerified: false,
  address: {
    streetAddress: '2500 Garcia Ave',
    locality: 'Mountain View',
    region: 'CA',
    postalCode: '94043',
    country: 'US',
  },
}

export interface IdTokenSigner {
  sign(input: { clientId: string; realmId: string; issuer: string }): Promise<string>
  jwks(): Promise<{ keys: JWK[] }>
}

export function createIdTokenSigner(clock: Clock): IdTokenSigner {
  let keys: Promise<{ privateKey: CryptoKey; jwk: JWK }> | undefined
  const getKeys = () =>
    (keys ??= generateKeyPair('RS256').then(async ({ privateKey, publicKey }) => ({
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: 'emulator-1', alg: 'RS256', use: 'sig' },
    })))
  return {
    async sign({ clientId, realmId, issuer }) {
      const { privateKey } = await getKeys()
      const iat = Math.floor(clock.now() / 1000)
      return new SignJWT({ realmid: realmId, auth_time: iat })
        .setProtectedHeader({ alg: 'RS256', kid: 'emulator-1' })
        .setSubject(emulatedUser.sub)
        .setAudience([clientId])
        .setIssuer(issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(privateKey)
    },
    async jwks() {
      return { keys: [(await getKeys()).jwk] }
    },
  }
}

export const issuerFor = (origin: string) => `${origin}/op/v1`

export function discoveryDocument(origin: string) {
  return {
    issuer: issuerFor(origin),
    authorization_endpoint: `${origin}/connect/oauth2`,
    token_endpoint: `${origin}/oauth2/v1/tokens/bearer`,
    userinfo_endpoint: `${origin}/v1/openid_connect/userinfo`,
    revocation_endpoint: `${origin}/v2/oauth2/tokens/revoke`,
    jwks_uri: `${origin}/op/v1/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
  }
}

export function openidRoutes(deps: { tokens: TokenStore; signer: IdTokenSigner }): Hono {
  const app = new Hono()
  const discovery = (c: { req: { url: string } }) => discoveryDocument(new URL(c.req.url).origin)
  app.get('/.well-known/openid_configuration', (c) => c.json(discovery(c)))
  app.get('/.well-known/openid_sandbox_configuration', (c) => c.json(discovery(c)))
  app.get('/op/v1/jwks', async (c) => c.json(await deps.signer.jwks()))

  app.get('/v1/openid_connect/userinfo', (c) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')
    const auth = m === null ? null : deps.tokens.authenticate(m[1]!)
    if (auth === null || !auth.ok) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"')
      return c.json({ error: 'invalid_token' }, 401)
    }
    const scopes = auth.value.scopes
    if (!scopes.includes('openid')) return c.json({ error: 'insufficient_scope' }, 403)
    const u = emulatedUser
    return c.json({
      sub: u.sub,
      ...(scopes.includes('email') ? { email: u.email, emailVerified: u.emailVerified } : {}),
      ...(scopes.includes('profile') ? { givenName: u.givenName, familyName: u.familyName } : {}),
      ...(scopes.includes('phone') ? { phoneNumber: u.phoneNumber, phoneNumberVerified: u.phoneNumberVerified } : {}),
      ...(scopes.includes('address') ? { address: u.address } : {}),
      realmId: auth.value.realmId,
    })
  })
  return app
}
