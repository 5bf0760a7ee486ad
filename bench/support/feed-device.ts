/**
 * One device of a company for Node-side benchmarks, wired the way the sync worker wires it
 * (web/src/sync/worker/sync.worker.ts): the app's SyncEngine over its own Dexie database on fake-indexeddb, the
 * edge's proxy with this device's session cookie, and the app's FeedClient on `GET /api/feed`, which the session
 * answer opens and whose notices call `engine.pullNotice`. Node 22's WebSocket (undici) takes the cookie and the
 * app's Origin as headers, as a browser on the app's origin would send them.
 * @module
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { SessionResponse } from '#shared/api/index.ts'
import { FieldsyncDB } from '../../web/src/db/schema.ts'
import { DexieStore } from '../../web/src/sync/adapters/dexie-store.ts'
import { edgeGateway } from '../../web/src/sync/adapters/edge-gateway.ts'
import { SyncEngine } from '../../web/src/sync/engine.ts'
import { FeedClient, type FeedSocket } from '../../web/src/sync/feed/feed-client.ts'
import { feedUrl } from '../../web/src/sync/feed/socket-url.ts'
import { realClock, realRandom } from '../../web/src/sync/ports.ts'

export const nodeTimers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  clearInterval: (h: unknown) => clearInterval(h as ReturnType<typeof setInterval>),
}

/** undici's WebSocket takes headers in its second argument; the DOM typing knows only protocols. */
type NodeWebSocket = new (url: string, init: { headers: Record<string, string> }) => FeedSocket

export interface FeedDevice {
  name: string
  db: FieldsyncDB
  engine: SyncEngine
  feed: FeedClient
  counts: { session: number; notices: number; noticedEntities: number; resets: number; sockets: number }
  close(): void
}

export function startFeedDevice(opts: { name: string; edgeUrl: string; cookie: string }): FeedDevice {
  const { edgeUrl, cookie, name } = opts
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), cookie } })
  const db = new FieldsyncDB(`${name}-${process.pid}`, { indexedDB, IDBKeyRange })
  const counts = { session: 0, notices: 0, noticedEntities: 0, resets: 0, sockets: 0 }
  const engine: SyncEngine = new SyncEngine({
    store: new DexieStore(db),
    gatewayFor: (realm) => edgeGateway(realm, { origin: edgeUrl, fetch: withCookie }),
    async session(changesSince) {
      counts.session++
      try {
        const res = await withCookie(`${edgeUrl}/api/session?changesSince=${changesSince}`)
        const parsed = SessionResponse.safeParse(await res.json())
        // As the worker does: the feed runs while the session says connected.
        if (parsed.success) feed.setConnected(parsed.data.connected && !parsed.data.needsReconnect)
        return parsed.success ? parsed.data : undefined
      } catch {
        return undefined
      }
    },
    clock: realClock,
    random: realRandom,
    timers: nodeTimers,
  })
  const Socket = globalThis.WebSocket as unknown as NodeWebSocket
  const feed: FeedClient = new FeedClient({
    open: (since) => {
      counts.sockets++
      return new Socket(feedUrl(edgeUrl, since), { headers: { cookie, origin: edgeUrl } })
    },
    timers: nodeTimers,
    random: Math.random,
    onChanges: (entities) => {
      counts.notices++
      counts.noticedEntities += entities.length
      void engine.pullNotice(entities)
    },
    onReset: () => {
      counts.resets++
      void engine.syncNow()
    },
    onSettings: () => {},
    onEnded: () => {},
  })
  return {
    name,
    db,
    engine,
    feed,
    counts,
    close() {
      engine.stop()
      feed.setConnected(false)
      db.close()
    },
  }
}

/** The owner (this cookie) makes a join code and a new device redeems it; returns the new device's cookie. */
export async function joinByCode(edgeUrl: string, ownerCookie: string, deviceName: string): Promise<string> {
  const made = await fetch(`${edgeUrl}/api/team/join-codes`, {
    method: 'POST',
    headers: { cookie: ownerCookie, 'Content-Type': 'application/json', origin: edgeUrl },
    body: JSON.stringify({ role: 'office' }),
  })
  if (!made.ok) throw new Error(`join code: ${made.status} ${await made.text()}`)
  const { code } = (await made.json()) as { code: string }
  const joined = await fetch(`${edgeUrl}/api/team/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', origin: edgeUrl },
    body: JSON.stringify({ code, deviceName }),
  })
  if (!joined.ok) throw new Error(`join: ${joined.status} ${await joined.text()}`)
  const session = joined.headers.getSetCookie().find((c) => c.startsWith('__Host-fs_session='))
  if (!session) throw new Error('join: no session cookie')
  return session.split(';')[0]!
}

/** The initial sync, as the user runs it from the Sync screen: preview, then run. */
export async function initialSync(device: FeedDevice): Promise<void> {
  const preview = await device.engine.preview()
  if (!preview.ok) throw new Error(`${device.name}: initial sync preview failed: ${preview.error.message}`)
  const first = await device.engine.runInitial([])
  if (!first.ok) throw new Error(`${device.name}: initial sync failed: ${first.error.message}`)
}
