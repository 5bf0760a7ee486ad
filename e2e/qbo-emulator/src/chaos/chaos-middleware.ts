/**
 * @module
 * Applies a chaos decision to a request on `/v3/company/:realmId/*`. A dropped connection is real on
 * Node (the socket is destroyed after the write is applied, so the client sees a reset, not a status);
 * in-process (`app.request`) the call rejects with the same TypeError `fetch` throws for a reset.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ControllableClock } from '../clock.ts'
import type { ChaosConfig } from '../config.ts'
import { serviceUnavailable, systemFault, throttleExceeded } from '../gateway-faults.ts'
import type { Chaos } from './chaos-policy.ts'
import type { EmulatorEnv } from '../env.ts'

const dropped = new WeakSet<object>()

/** True for the error chaos throws in-process to stand for a reset connection. */
export function isDroppedConnection(err: unknown): boolean {
  return typeof err === 'object' && err !== null && dropped.has(err)
}

function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
  const err = new TypeError('fetch failed', { cause })
  dropped.add(err)
  return err
}

export function isWrite(method: string, path: string): boolean {
  return method === 'POST' && !/\/query\/?$/i.test(path)
}

/**
 * Waits `ms` real milliseconds or until the client gives up (its connection closes), whichever is first,
 * so a stall always outlasts the client's timeout without holding a concurrency slot much longer.
 */
export type StallDelay = (ms: number, clientGone: AbortSignal) => Promise<void>

/** Real ms a stall lasts: the configured emulator time at the clock's time scale, unless real ms were given. */
export function stallRealMs(config: Pick<ChaosConfig, 'stallMs' | 'stallEmulatorMs'>, timeScale: number): number {
  return config.stallMs ?? config.stallEmulatorMs / timeScale
}

/** After the handler ran: destroy the socket (Node), or reject as `fetch` does for a reset (in-process). */
export function dropConnection(c: Context<EmulatorEnv>): undefined {
  const socket = c.env?.incoming?.socket
  if (socket === undefined) throw connectionResetError()
  socket.destroy()
  return undefined
}

export const realStall: StallDelay = (ms, clientGone) =>
  new Promise<void>((resolve) => {
    if (clientGone.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      clientGone.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    clientGone.addEventListener('abort', done)
  })

export function chaosMiddleware(deps: {
  chaos: Chaos
  clock: ControllableClock
  delay: StallDelay
}): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const realmId = c.req.param('realmId') ?? ''
    const kind = deps.chaos.decide(realmId, { write: isWrite(c.req.method, c.req.path) })
    if (kind === null) return next()
    c.set('chaos', kind)
    switch (kind) {
      case 'http500':
        return systemFault(deps.clock.now())
      case 'http503':
        return serviceUnavailable()
      case 'throttle429':
        return throttleExceeded(deps.clock.now(), 'json')
      case 'stall':
        // Then the request is processed anyway, as a server does after its client timed out.
        await deps.delay(stallRealMs(deps.chaos.configFor(realmId), deps.clock.timeScale), c.req.raw.signal)
        return next()
      case 'dropAfterWrite':
        await next()
        return dropConnection(c)
    }
  }
}
