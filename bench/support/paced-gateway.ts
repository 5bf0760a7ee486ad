/**
 * The edge's Pacer (the same class each RealmGate runs) in front of a gateway, in process: what the edge does
 * for every proxied call, without workerd. Counts calls, batch calls and 429s that got past it to the engine.
 * @module
 */
import { Pacer } from '../../edge/src/pacer/pacer.ts'
import { intuitLimits } from '../../edge/src/pacer/policy.ts'
import type { QboGateway } from '../../web/src/sync/ports.ts'

export interface PaceCounts {
  calls: number
  batches: number
  throttled: number
}

export function pacedGateway(inner: QboGateway, timeScale: number): { gateway: QboGateway; counts: PaceCounts } {
  const pacer = new Pacer(intuitLimits(timeScale, 60_000), () => Date.now())
  const counts: PaceCounts = { calls: 0, batches: 0, throttled: 0 }
  const wrap =
    <A extends unknown[], R extends { ok: boolean; error?: { code: string; httpStatus?: number | undefined } }>(
      kind: 'call' | 'batch',
      f: (...a: A) => Promise<R>,
    ) =>
    async (...a: A): Promise<R> => {
      const admission = await pacer.acquire(kind)
      if (!admission.ok) {
        return {
          ok: false,
          error: {
            kind: 'rateLimit',
            retryable: true,
            userMessage: admission.error.message,
            action: 'backoff',
            code: 'paced',
            retryAfterMs: admission.error.retryAfterMs,
          },
        } as unknown as R
      }
      try {
        const r = await f(...a)
        counts.calls++
        if (kind === 'batch') counts.batches++
        if (!r.ok && (r.error?.httpStatus === 429 || r.error?.code === '3001' || r.error?.code === '003001')) {
          counts.throttled++
          pacer.throttled()
        }
        return r
      } finally {
        pacer.release(admission.value.id)
      }
    }
  const gateway: QboGateway = {
    query: wrap('call', inner.query),
    read: wrap('call', inner.read),
    write: wrap('call', inner.write),
    batch: wrap('batch', inner.batch),
    cdc: wrap('call', inner.cdc),
  }
  return { gateway, counts }
}
