/**
 * @module
 * Chaos on `POST /oauth2/v1/tokens/bearer`, the one call a client cannot repeat blindly: a refresh whose
 * answer is lost may already have rotated the refresh token, and Intuit answers the superseded one with
 * `invalid_grant` (docs/quickbooks.md §1.6–1.7). `dropAfterWrite` models exactly that: the grant is applied, then
 * the connection is dropped. One seeded stream for the endpoint, so a seed replays the same faults.
 */
import type { MiddlewareHandler } from 'hono'
import type { ControllableClock } from '../clock.ts'
import { serviceUnavailable } from '../gateway-faults.ts'
import type { EmulatorEnv } from '../env.ts'
import type { Chaos } from './chaos-policy.ts'
import { dropConnection, stallRealMs, type StallDelay } from './chaos-middleware.ts'

/** The key of the token endpoint's stream in its `Chaos`. */
export const TOKEN_ENDPOINT = 'oauth2/v1/tokens/bearer'

export function tokenChaosMiddleware(deps: {
  chaos: Chaos
  clock: ControllableClock
  delay: StallDelay
}): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const kind = deps.chaos.decide(TOKEN_ENDPOINT, { write: true })
    if (kind === null) return next()
    c.set('chaos', kind)
    switch (kind) {
      case 'http500':
      case 'throttle429': // not offered for this endpoint; a 500 if a caller forced it
        // Intuit documents no body for a failing token endpoint; RFC 6749's error shape is the likeliest.
        return c.json({ error: 'server_error' }, 500, { 'Cache-Control': 'no-store' })
      case 'http503':
        return serviceUnavailable()
      case 'stall':
        await deps.delay(stallRealMs(deps.chaos.configFor(TOKEN_ENDPOINT), deps.clock.timeScale), c.req.raw.signal)
        return next()
      case 'dropAfterWrite':
        await next()
        return dropConnection(c)
    }
  }
}
