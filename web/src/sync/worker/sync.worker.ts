/**
 * The sync engine in a Web Worker: builds the real ports (the app's Dexie database, the edge's proxy, the real
 * clock) and exposes the engine with comlink. Nothing but wiring; the worker writes IndexedDB itself and sends
 * the page only counts, ids and progress.
 * @module
 */
import * as Comlink from 'comlink'
import { ApiErrorBody, SessionResponse } from '#shared/api/index.ts'
import { appDb } from '../../db/index.ts'
import { invoiceNumbers } from '../../db/invoice-numbers-source.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import { edgeGateway } from '../adapters/edge-gateway.ts'
import { SyncEngine } from '../engine.ts'
import { publishFeedEvent } from '../feed/events.ts'
import { FeedClient } from '../feed/feed-client.ts'
import { feedUrl } from '../feed/socket-url.ts'
import { realClock, realRandom } from '../ports.ts'
import { PollLoop } from './poll-loop.ts'
import type { SyncWorkerApi } from './worker-api.ts'

const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  clearInterval: (h: unknown) => clearInterval(h as ReturnType<typeof setInterval>),
}
const db = appDb()
const store = new DexieStore(db)
let online = true
// The engine's own interval only backs the loop up once a day; the loop keeps the schedule.
const ENGINE_BACKSTOP_MINUTES = 1440

const engine = new SyncEngine({
  store,
  gatewayFor: (realmId) => edgeGateway(realmId),
  async session(changesSince) {
    try {
      const res = await fetch(`/api/session?changesSince=${changesSince}`, { credentials: 'same-origin' })
      const body: unknown = await res.json()
      const parsed = SessionResponse.safeParse(body)
      // The live feed runs while this device's session is connected (and the device online).
      if (parsed.success) feed.setConnected(parsed.data.connected && !parsed.data.needsReconnect)
      // Shared invoice numbers: keep this device's lease topped up while its company is connected.
      if (parsed.success && parsed.data.connected) void invoiceNumbers.topUp(db, parsed.data.realmId)
      // A notice the edge received means webhooks work for this company: the poll becomes a safety net.
      if (parsed.success && parsed.data.connected && parsed.data.changes.entities.length > 0) poll.noticed()
      if (parsed.success) return parsed.data
      // A removed device is told so (401 device_removed): the engine says that, not "could not reach its server".
      const refused = ApiErrorBody.safeParse(body)
      return refused.success && refused.data.error.code === 'device_removed'
        ? { connected: false, needsReconnect: false, refused: refused.data.error }
        : undefined
    } catch {
      return undefined
    }
  },
  clock: realClock,
  random: realRandom,
  timers,
})

// Another device's write or Intuit's webhook, within seconds: pull just those records. The poll stays as the safety net.
const feed = new FeedClient({
  open: (since) => new WebSocket(feedUrl(self.location.origin, since)),
  timers,
  random: Math.random,
  onChanges: (entities, webhook) => {
    if (webhook) poll.noticed()
    void engine.pullNotice(entities)
  },
  onReset: () => void engine.syncNow(),
  onSettings: (message) => publishFeedEvent(message),
  onEnded: (message) => publishFeedEvent(message),
})

// The poll pulls; it sends too only when the schedule is automatic.
const poll = new PollLoop({
  syncNow: () => engine.autoSync(),
  settings: () => store.settings(),
  now: () => Date.now(),
  timers,
  online: () => online,
})

async function topUpLease(): Promise<void> {
  const { syncedRealmId } = await store.settings()
  if (syncedRealmId) await invoiceNumbers.topUp(db, syncedRealmId)
}

const api: SyncWorkerApi = {
  subscribe: (onProgress) => {
    engine.onProgress(onProgress)
  },
  preview: () => engine.preview(),
  runInitial: async (decisions) => {
    const done = await engine.runInitial(decisions)
    // The first sync moved the counter past the company's numbers: now a lease can start after them.
    void topUpLease()
    return done
  },
  syncNow: () => engine.syncNow(),
  link: (target) => engine.link(target),
  heldPaymentChoices: (localId) => engine.heldPaymentChoices(localId),
  linkHeldPayment: (target) => engine.linkHeldPayment(target),
  edited: () => void engine.edited(),
  scheduleTimes: () => engine.scheduleTimes(),
  waitingForExport: () => engine.waitingForExport(),
  importRecords: (kind) => engine.importRecords(kind),
  exportNow: (picks) => engine.exportNow(picks),
  setOnline: (isOnline) => {
    online = isOnline
    engine.setOnline(isOnline)
    feed.setOnline(isOnline)
  },
  // The page's interval is the settings' `pullIntervalMinutes`, which the loop reads itself.
  start: async (_minutes) => {
    poll.stop()
    const first = await engine.start(ENGINE_BACKSTOP_MINUTES)
    poll.ran(first)
    poll.start()
    return first
  },
  // A removed device: nothing more is asked of the edge until the page starts the loop again.
  stop: () => {
    poll.stop()
    engine.stop()
    feed.setConnected(false)
  },
}

Comlink.expose(api)
