/**
 * @module
 * Applies the realm limiter to `/v3/company/:realmId/*` after bearer auth (the app is known from the
 * token) and answers Intuit's 429 ThrottleExceeded (003001) when a limit is reached.
 */
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.ts'
import { throttleExceeded } from '../gateway-faults.ts'
import type { EmulatorEnv } from '../env.ts'
import type { RealmLimiter } from './realm-limiter.ts'

export function isBatchCall(method: string, path: string): boolean {
  return method === 'POST' && /\/batch\/?$/i.test(path)
}

export function limitsMiddleware(deps: { limiter: RealmLimiter; clock: Clock }): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const realmId = c.req.param('realmId') ?? ''
    const { clientId } = c.get('connection')
    const slot = deps.limiter.acquire({ realmId, clientId, batch: isBatchCall(c.req.method, c.req.path) })
    if (!slot.ok) return throttleExceeded(deps.clock.now(), deps.limiter.limitsFor(realmId).throttleFormat)
    try {
      await next()
    } finally {
      slot.value.release()
    }
  }
}
