/**
 * @module
 * Sends webhook notifications the way Intuit does (docs/quickbooks.md §10): changes to companies an app is
 * connected to are batched over a short window, POSTed signed to the app's endpoint, and retried on
 * anything but a 2xx within the acknowledgement timeout, at Intuit's intervals (10 s, 20 s, 30 s, 5 min,
 * 20 min, 2 h, 4 h, 6 h, then every 6 h) in emulator time, as is the 3 s an endpoint has to answer. While a delivery is being retried, later
 * events for that app wait behind it. Timers and fetch are injected so tests never sleep.
 */
import type { Clock } from '../clock.ts'
import type { CompanyChange } from '../companies-port.ts'
import type { AppRegistry } from '../oauth/apps.ts'
import { buildPayload } from './payload.ts'
import { signPayload } from './signature.ts'

export interface Scheduler {
  /** Runs `fn` after `realMs` real milliseconds; returns a cancel function. */
  after(realMs: number, fn: () => void): () => void
}

export const realScheduler: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return () => clearTimeout(t)
  },
}

export const intuitRetryScheduleMs = [10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000]

export interface DeliveryAttempt {
  time: string
  status: number | null
  error: string | null
}

export interface Delivery {
  id: number
  clientId: string
  url: string
  body: string
  signature: string
  attempts: DeliveryAttempt[]
  state: 'sending' | 'retrying' | 'delivered' | 'failed'
}

export interface WebhookNotifier {
  notify(change: CompanyChange): void
  deliveries(): Delivery[]
  clear(): void
  stop(): void
  /** Resolves once no delivery is being sent right now (scheduled retries do not count). */
  settled(): Promise<void>
}

export interface NotifierOptions {
  apps: AppRegistry
  isConnected: (clientId: string, realmId: string) => boolean
  clock: Clock
  /** Emulator ms per real ms, to turn emulator-time intervals into timers. */
  timeScale: number
  scheduler?: Scheduler
  fetch?: typeof fetch
  /** Emulator ms over which changes are gathered into one notification. */
  batchWindowMs?: number
  /** Emulator ms the endpoint has to answer (Intuit: 3 s), so a time scale shortens it too. */
  ackTimeoutMs?: number
  retryScheduleMs?: number[]
  maxAttempts?: number
}

interface Queue {
  pending: CompanyChange[]
  busy: boolean
  cancel: (() => void) | null
}

export function createWebhookNotifier(opts: NotifierOptions): WebhookNotifier {
  const scheduler = opts.scheduler ?? realScheduler
  const doFetch = opts.fetch ?? fetch
  const batchWindowMs = opts.batchWindowMs ?? 1_000
  const ackTimeoutMs = opts.ackTimeoutMs ?? 3_000
  const retry = opts.retryScheduleMs ?? intuitRetryScheduleMs
  const maxAttempts = opts.maxAttempts ?? 12
  const queues = new Map<string, Queue>()
  let log: Delivery[] = []
  let nextId = 1
  let stopped = false
  const active = new Set<Promise<void>>()
  const track = (p: Promise<void>) => {
    active.add(p)
    void p.finally(() => active.delete(p))
  }
  const real = (emulatorMs: number) => emulatorMs / opts.timeScale

  const queueFor = (clientId: string) => {
    let q = queues.get(clientId)
    if (q === undefined) queues.set(clientId, (q = { pending: [], busy: false, cancel: null }))
    return q
  }

  function schedule(q: Queue, emulatorMs: number, fn: () => void) {
    if (stopped) return
    q.cancel = scheduler.after(real(emulatorMs), () => {
      q.cancel = null
      fn()
    })
  }

  async function attempt(q: Queue, d: Delivery) {
    let status: number | null = null
    let error: string | null = null
    // Through the scheduler, like every other wait here, so tests can fire it instead of sleeping.
    const ack = new AbortController()
    let timedOut = false
    const cancelAck = scheduler.after(real(ackTimeoutMs), () => {
      timedOut = true
      ack.abort(new DOMException(`no answer within ${ackTimeoutMs} ms (emulator time)`, 'TimeoutError'))
    })
    try {
      const res = await doFetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'intuit-signature': d.signature,
          'intuit-t-id': crypto.randomUUID(),
          'intuit-created-time': new Date(opts.clock.now()).toISOString(),
        },
        body: d.body,
        signal: ack.signal,
      })
      status = res.status
      await res.body?.cancel()
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    if (!timedOut) cancelAck()
    d.attempts.push({ time: new Date(opts.clock.now()).toISOString(), status, error })
    if (status !== null && status >= 200 && status < 300) {
      d.state = 'delivered'
      return finish(q, d.clientId)
    }
    if (d.attempts.length >= maxAttempts) {
      d.state = 'failed'
      return finish(q, d.clientId)
    }
    d.state = 'retrying'
    const wait = retry[Math.min(d.attempts.length - 1, retry.length - 1)]!
    schedule(q, wait, () => track(attempt(q, d)))
  }

  function finish(q: Queue, clientId: string) {
    q.busy = false
    if (q.pending.length > 0) schedule(q, batchWindowMs, () => track(flush(clientId)))
  }

  async function flush(clientId: string) {
    const q = queueFor(clientId)
    const app = opts.apps.get(clientId)
    if (q.busy || q.pending.length === 0) return
    const changes = q.pending
    q.pending = []
    if (app?.webhook === undefined) return
    q.busy = true
    const body = JSON.stringify(buildPayload(changes))
    const d: Delivery = {
      id: nextId++,
      clientId,
      url: app.webhook.url,
      body,
      signature: await signPayload(app.webhook.verifierToken, body),
      attempts: [],
      state: 'sending',
    }
    log.push(d)
    if (log.length > 5_000) log = log.slice(-4_000)
    await attempt(q, d)
  }

  return {
    notify(change) {
      if (stopped) return
      for (const app of opts.apps.list()) {
        // Intuit only notifies apps connected to the company, and only about changes after the connection.
        if (app.webhook === undefined || !opts.isConnected(app.clientId, change.realmId)) continue
        const q = queueFor(app.clientId)
        q.pending.push(change)
        if (!q.busy && q.cancel === null) schedule(q, batchWindowMs, () => track(flush(app.clientId)))
      }
    },
    deliveries: () => log.map((d) => ({ ...d, attempts: [...d.attempts] })),
    clear() {
      log = []
    },
    stop() {
      stopped = true
      for (const q of queues.values()) q.cancel?.()
    },
    async settled() {
      while (active.size > 0) await Promise.allSettled([...active])
    },
  }
}
