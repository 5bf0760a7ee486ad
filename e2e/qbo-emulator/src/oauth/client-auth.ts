/**
 * @module
 * Client authentication at the token and revoke endpoints: HTTP Basic (`client_secret_basic`) or the
 * id and secret in the form body (`client_secret_post`), the two methods Intuit's discovery document
 * advertises. Using both at once, or neither, is refused as RFC 6749 §2.3 says.
 */
import type { AppRegistration } from '../config.ts'
import { err, ok, type Result } from '../result.ts'
import { secretsEqual, type AppRegistry } from './apps.ts'

export type ClientAuthError = { kind: 'invalid_client'; message: string } | { kind: 'invalid_request'; message: string }

export function authenticateClient(
  apps: AppRegistry,
  authorization: string | undefined,
  body: { client_id?: string | undefined; client_secret?: string | undefined },
): Result<AppRegistration, ClientAuthError> {
  const fromBody = body.client_id !== undefined || body.client_secret !== undefined
  let id: string | undefined
  let secret: string | undefined
  if (authorization !== undefined) {
    if (fromBody) return err({ kind: 'invalid_request', message: 'More than one client authentication method' })
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)
    if (m === null) return err({ kind: 'invalid_client', message: 'Malformed Authorization header' })
    let decoded: string
    try {
      decoded = atob(m[1]!)
    } catch {
      return err({ kind: 'invalid_client', message: 'Malformed Authorization header' })
    }
    const colon = decoded.indexOf(':')
    if (colon < 0) return err({ kind: 'invalid_client', message: 'Malformed Authorization header' })
    id = decoded.slice(0, colon)
    secret = decoded.slice(colon + 1)
  } else if (fromBody) {
    id = body.client_id
    secret = body.client_secret
  }
  if (id === undefined || secret === undefined)
    return err({ kind: 'invalid_client', message: 'Client authentication is required' })
  const app = apps.get(id)
  if (app === undefined || !secretsEqual(app.clientSecret, secret))
    return err({ kind: 'invalid_client', message: 'Invalid client credentials' })
  return ok(app)
}
