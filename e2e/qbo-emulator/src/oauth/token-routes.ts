/**
 * @module
 * `POST /oauth2/v1/tokens/bearer` (authorization_code and refresh_token grants) and
 * `POST /v2/oauth2/tokens/revoke`, with Intuit's bodies: `{"error":"invalid_grant", "error_description":…}`,
 * `invalid_client` (401), `unsupported_grant_type` (docs/quickbooks.md §1.5–1.8).
 */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppRegistry } from './apps.ts'
import { authenticateClient } from './client-auth.ts'
import { issuerFor, type IdTokenSigner } from './openid.ts'
import type { IssuedTokens, TokenStore } from './token-store.ts'

export interface TokenRouteDeps {
  apps: AppRegistry
  tokens: TokenStore
  signer: IdTokenSigner
}

const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }

function oauthError(c: Context, status: 400 | 401, error: string, description?: string) {
  const body = description === undefined ? { error } : { error, error_description: description }
  if (status === 401) c.header('WWW-Authenticate', 'Basic realm="Intuit"')
  return c.json(body, status, noStore)
}

const TokenForm = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
})

const RevokeBody = z.object({ token: z.string().min(1) })

export function tokenRoutes(deps: TokenRouteDeps): Hono {
  const app = new Hono()

  async function respond(c: Context, issued: IssuedTokens) {
    const body: Record<string, string | number> = {
      token_type: 'bearer',
      access_token: issued.accessToken,
      expires_in: issued.expiresIn,
      refresh_token: issued.refreshToken,
      x_refresh_token_expires_in: issued.refreshExpiresIn,
    }
    if (c.req.header('x-include-refresh-token-hard-expires-in') === 'true')
      body.x_refresh_token_hard_expires_in = issued.refreshHardExpiresIn
    if (issued.connection.scopes.includes('openid'))
      body.id_token = await deps.signer.sign({
        clientId: issued.connection.clientId,
        realmId: issued.connection.realmId,
        issuer: issuerFor(new URL(c.req.url).origin),
      })
    return c.json(body, 200, noStore)
  }

  app.post('/oauth2/v1/tokens/bearer', async (c) => {
    if (!(c.req.header('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded'))
      return oauthError(c, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
    const raw = await c.req.parseBody()
    const form = TokenForm.safeParse(raw)
    if (!form.success) return oauthError(c, 400, 'invalid_request')
    const f = form.data
    const client = authenticateClient(deps.apps, c.req.header('Authorization'), f)
    if (!client.ok)
      return client.error.kind === 'invalid_client'
        ? oauthError(c, 401, 'invalid_client')
        : oauthError(c, 400, 'invalid_request', client.error.message)
    const clientId = client.value.clientId
    switch (f.grant_type) {
      case undefined:
        return oauthError(c, 400, 'invalid_request', 'grant_type is required')
      case 'authorization_code': {
        if (f.code === undefined || f.redirect_uri === undefined)
          return oauthError(c, 400, 'invalid_request', 'code and redirect_uri are required')
        const r = deps.tokens.exchangeCode({ clientId, code: f.code, redirectUri: f.redirect_uri })
        return r.ok ? respond(c, r.value) : oauthError(c, 400, r.error.kind, r.error.message)
      }
      case 'refresh_token': {
        if (f.refresh_token === undefined) return oauthError(c, 400, 'invalid_request', 'refresh_token is required')
        const r = deps.tokens.refresh({ clientId, refreshToken: f.refresh_token })
        return r.ok ? respond(c, r.value) : oauthError(c, 400, r.error.kind, r.error.message)
      }
      default:
        return oauthError(c, 400, 'unsupported_grant_type')
    }
  })

  app.post('/v2/oauth2/tokens/revoke', async (c) => {
    let json: unknown
    const type = (c.req.header('Content-Type') ?? '').toLowerCase()
    try {
      json = type.startsWith('application/x-www-form-urlencoded') ? await c.req.parseBody() : await c.req.json()
    } catch {
      return oauthError(c, 400, 'invalid_request', 'Body must be JSON: {"token": "…"}')
    }
    const body = RevokeBody.safeParse(json)
    const creds = (json ?? {}) as { client_id?: string; client_secret?: string }
    const client = authenticateClient(deps.apps, c.req.header('Authorization'), {
      client_id: creds.client_id,
      client_secret: creds.client_secret,
    })
    if (!client.ok)
      return client.error.kind === 'invalid_client'
        ? oauthError(c, 401, 'invalid_client')
        : oauthError(c, 400, 'invalid_request', client.error.message)
    if (!body.success) return oauthError(c, 400, 'invalid_request', 'token is required')
    const r = deps.tokens.revoke({ clientId: client.value.clientId, token: body.data.token })
    if (!r.ok) return oauthError(c, 400, r.error.kind, r.error.message)
    return c.body(null, 200, noStore)
  })

  return app
}
