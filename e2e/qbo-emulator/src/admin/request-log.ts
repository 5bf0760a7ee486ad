/**
 * @module
 * Every request the emulator answered (Intuit's API and OAuth paths; not the admin API or /health):
 * method, path, status, realm, requestid, client, chaos applied, emulator time. Tests read it to count
 * calls (e.g. exactly one token refresh) and to see what chaos did. Bounded so long benchmarks stay flat.
 */
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.ts'
import type { ChaosKind } from '../config.ts'
import type { EmulatorEnv } from '../env.ts'
import type { Connection } from '../oauth/token-store.ts'
import { isDroppedConnection } from '../chaos/chaos-middleware.ts'

export interface RequestLogEntry {
  seq: number
  method: string
  path: string
  /** 0 when the connection was dropped before an answer. */
  status: number
  realmId: string | null
  requestId: string | null
  clientId: string | null
  chaos: ChaosKind | null
  time: string
}

export interface RequestLog {
  entries(filter?: { realmId?: string | undefined; since?: number | undefined }): RequestLogEntry[]
  clear(): void
  middleware(): MiddlewareHandler<EmulatorEnv>
}

/** The client id of an HTTP Basic header (token and revoke calls), unverified: the log only describes. */
function basicClientId(header: string | undefined): string | null {
  const m = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (m === null) return null
  try {
    const decoded = atob(m[1]!)
    const colon = decoded.indexOf(':')
    return colon < 0 ? null : decoded.slice(0, colon)
  } catch {
    return null
  }
}

export function createRequestLog(opts: { clock: Clock; capacity?: number }): RequestLog {
  const capacity = opts.capacity ?? 50_000
  let log: RequestLogEntry[] = []
  let seq = 0
  const push = (e: RequestLogEntry) => {
    log.push(e)
    if (log.length > capacity * 1.25) log = log.slice(log.length - capacity)
  }
  return {
    entries(filter = {}) {
      return log.filter(
        (e) =>
          (filter.realmId === undefined || e.realmId === filter.realmId) &&
          (filter.since === undefined || e.seq > filter.since),
      )
    },
    clear() {
      log = []
    },
    middleware() {
      return async (c, next) => {
        const path = c.req.path
        if (path.startsWith('/__admin') || path === '/health') return next()
        const time = new Date(opts.clock.now()).toISOString()
        const entry = (status: number): RequestLogEntry => ({
          seq: ++seq,
          method: c.req.method,
          path,
          status,
          realmId: /^\/v3\/company\/([^/]+)/.exec(path)?.[1] ?? null,
          requestId: c.req.query('requestid') ?? null,
          clientId:
            (c.var.connection as Connection | undefined)?.clientId ?? basicClientId(c.req.header('Authorization')),
          chaos: (c.var.chaos as ChaosKind | undefined) ?? null,
          time,
        })
        try {
          await next()
        } catch (err) {
          if (isDroppedConnection(err)) push(entry(0))
          throw err
        }
        push(entry(c.var.chaos === 'dropAfterWrite' ? 0 : c.res.status))
      }
    },
  }
}
