/**
 * @module
 * Intuit's per-company limits (docs/quickbooks.md §8), counted per realm and app: requests per minute,
 * concurrent requests, and batch calls per minute (a batch call also counts as a request). Refused
 * requests are not counted, so a client that backs off gets its full allowance once the window slides.
 */
import type { Clock } from '../clock.ts'
import type { Limits } from '../config.ts'
import { err, ok, type Result } from '../result.ts'
import { createSlidingWindow, type SlidingWindow } from './sliding-window.ts'

export type LimitExceeded = 'requests' | 'perSecond' | 'concurrent' | 'batch'
/** A held request slot; `release` is idempotent. */
export interface Slot {
  release: () => void
}
/** A slot, or the limit that refused the request. */
export type Acquired = Result<Slot, LimitExceeded>

interface Counters {
  requests: SlidingWindow
  perSecond: SlidingWindow
  batch: SlidingWindow
  inFlight: number
}

export interface RealmLimiter {
  acquire(input: { realmId: string; clientId: string; batch: boolean }): Acquired
  limitsFor(realmId: string): Limits
  defaults(): Limits
  /** Replace the limits for every realm, or for one realm. */
  setLimits(limits: Limits, realmId?: string): void
  clearOverride(realmId: string): void
  overrides(): Record<string, Limits>
  inFlight(realmId: string, clientId: string): number
}

export function createRealmLimiter(opts: { clock: Clock; limits: Limits }): RealmLimiter {
  let base = opts.limits
  const perRealm = new Map<string, Limits>()
  const counters = new Map<string, Counters>()
  const countersFor = (key: string) => {
    let c = counters.get(key)
    if (c === undefined)
      counters.set(
        key,
        (c = {
          requests: createSlidingWindow(),
          perSecond: createSlidingWindow(),
          batch: createSlidingWindow(),
          inFlight: 0,
        }),
      )
    return c
  }
  const limitsFor = (realmId: string) => perRealm.get(realmId) ?? base

  return {
    acquire({ realmId, clientId, batch }) {
      const l = limitsFor(realmId)
      const c = countersFor(`${realmId}\u0000${clientId}`)
      const now = opts.clock.now()
      if (c.inFlight >= l.concurrent) return err('concurrent')
      if (c.requests.count(now, l.windowMs) >= l.requestsPerWindow) return err('requests')
      if (l.requestsPerSecond !== undefined && c.perSecond.count(now, 1000) >= l.requestsPerSecond)
        return err('perSecond')
      if (batch && c.batch.count(now, l.windowMs) >= l.batchPerWindow) return err('batch')
      c.requests.hit(now)
      if (l.requestsPerSecond !== undefined) c.perSecond.hit(now)
      if (batch) c.batch.hit(now)
      c.inFlight++
      let released = false
      return ok({
        release() {
          if (released) return
          released = true
          c.inFlight--
        },
      })
    },
    limitsFor,
    defaults: () => base,
    setLimits(limits, realmId) {
      if (realmId === undefined) base = limits
      else perRealm.set(realmId, limits)
    },
    clearOverride(realmId) {
      perRealm.delete(realmId)
    },
    overrides: () => Object.fromEntries(perRealm),
    inFlight: (realmId, clientId) => counters.get(`${realmId}\u0000${clientId}`)?.inFlight ?? 0,
  }
}
