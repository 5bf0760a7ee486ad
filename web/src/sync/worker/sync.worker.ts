/**
 * The sync engine in a Web Worker: builds the real ports (the app's Dexie database, the edge's proxy, the real
 * clock) and exposes the engine with comlink. Nothing but wiring; the worker writes IndexedDB itself and sends
 * the page only counts, ids and progress.
 * @module
 */
import * as Comlink from 'comlink'
import { SessionResponse } from '#shared/api/index.ts'
import { appDb } from '../../db/index.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import { edgeGateway } from '../adapters/edge-gateway.ts'
import { SyncEngine } from '../engine.ts'
import { realClock, realRandom } from '../ports.ts'
import type { SyncWorkerApi } from './worker-api.ts'

const engine = new SyncEngine({
  store: new DexieStore(appDb()),
  gatewayFor: (realmId) => edgeGateway(realmId),
  async session(changesSince) {
    try {
      const res = await fetch(`/api/session?changesSince=${changesSince}`, { credentials: 'same-origin' })
      const parsed = SessionResponse.safeParse(await res.json())
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  },
  clock: realClock,
  random: realRandom,
  timers: {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  },
})

const api: SyncWorkerApi = {
  subscribe: (onProgress) => {
    engine.onProgress(onProgress)
  },
  preview: () => engine.preview(),
  runInitial: (decisions) => engine.runInitial(decisions),
  syncNow: () => engine.syncNow(),
  link: (target) => engine.link(target),
  heldPaymentChoices: (localId) => engine.heldPaymentChoices(localId),
  linkHeldPayment: (target) => engine.linkHeldPayment(target),
  edited: (autoSync) => engine.edited(autoSync),
  setOnline: (online) => engine.setOnline(online),
  start: (minutes) => engine.start(minutes),
}

Comlink.expose(api)
