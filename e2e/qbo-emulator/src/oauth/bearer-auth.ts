/**
 * @module
 * Guards `/v3/company/:realmId/*`: the request needs `Authorization: Bearer` with a live access token.
 * Missing, malformed, unknown, expired or revoked → 401 AuthenticationFailed (3200); a live token issued
 * for another company, or granted without the accounting scope (an OpenID-only sign-in, the Payments
 * scope alone) → 403 AuthorizationFailed (3100), as Intuit's gateway answers (docs/quickbooks.md §1.2, §9.3).
 */
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.ts'
import { authenticationFailed, authorizationFailed } from '../gateway-faults.ts'
import type { EmulatorEnv } from '../env.ts'
import type { TokenStore } from './token-store.ts'
import { ACCOUNTING_SCOPE } from './scopes.ts'

export function bearerAuth(deps: { tokens: TokenStore; clock: Clock }): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const now = deps.clock.now()
    const header = c.req.header('Authorization')
    const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (m === null)
      return authenticationFailed(header === undefined ? 'Authorization header missing' : 'Malformed bearer token', now)
    const token = m[1]!
    const r = deps.tokens.authenticate(token)
    if (!r.ok) {
      switch (r.error) {
        case 'malformed':
          return authenticationFailed('Malformed bearer token: too short or too long', now)
        case 'expired':
          return authenticationFailed(`Token expired: ${token}`, now)
        case 'revoked':
          return authenticationFailed(`Token revoked: ${token}`, now)
        case 'unknown':
          return authenticationFailed(`Token invalid: ${token}`, now)
      }
    }
    if (r.value.realmId !== c.req.param('realmId') || !r.value.scopes.includes(ACCOUNTING_SCOPE))
      return authorizationFailed(now)
    c.set('connection', r.value)
    await next()
  }
}
