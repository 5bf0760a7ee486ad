/**
 * The whole path the app's worker takes to QuickBooks, in one test process: the emulator on a free port, the
 * real edge Worker in workerd (wrangler's `unstable_startWorker` bundles it from wrangler.toml, Durable Object
 * included), a connection made through the real OAuth flow (the edge's connect → the emulator's consent form →
 * the edge's callback), and the runner's ports on the edge's `/api/qbo/*` proxy with the session cookie.
 *
 * The app and the edge share one origin in production (vite proxies `/auth` and `/api`). Here the edge is told
 * it lives on `APP_ORIGIN`, the emulator registers that origin's callback, and the callback Intuit sends the
 * browser to is fetched from the edge itself — what the proxy does.
 * @module
 */
import { startEmulator, type RunningEmulator } from '../../../../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../../../../e2e/qbo-emulator/src/seeds/small.ts'
import { localApp } from '../../../../scripts/edge-vars.ts'
import { connectThroughEdge, startEdgeWorker, type EdgeWorker } from '../../../../e2e/support/edge-worker.ts'
import { testClock, testDb } from '../../db/test-db.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { DexieStore } from '../dexie-store.ts'
import { edgeGateway } from '../edge-gateway.ts'
import type { Clock, QboEntity, QboGateway } from '../ports.ts'
import type { RunnerDeps } from '../run-context.ts'
import { emulatorAdmin } from './emulator-world.ts'

const APP_ORIGIN = 'http://app.fieldsync.test'

export interface EdgeWorld {
  emu: RunningEmulator
  edgeUrl: string
  realmId: string
  /** The edge's session cookie (`fs_session=…`), as the browser would hold it. */
  cookie: string
  gateway: QboGateway
  clock: Clock & { advance(ms: number): void }
  /** A fresh device: its own IndexedDB, same connection. */
  device(): { db: FieldsyncDB; deps(over?: Partial<RunnerDeps>): RunnerDeps }
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>
  entities(entity: 'Customer' | 'Item' | 'Invoice' | 'Payment'): Promise<QboEntity[]>
  close(): Promise<void>
}

export async function startEdgeWorld(): Promise<EdgeWorld> {
  const emu = await startEmulator({
    port: 0, seed: 'small', timeScale: 1000,
    apps: [{ clientId: localApp.clientId, clientSecret: localApp.clientSecret, redirectUris: [`${APP_ORIGIN}/auth/intuit/callback`] }],
  })
  let edge: EdgeWorker | undefined
  try {
    edge = await startEdgeWorker({ emulatorUrl: emu.url, appOrigin: APP_ORIGIN })
    const realmId = SMALL_REALM_ID
    const cookie = await connectThroughEdge(edge.url, emu.url, realmId)
    const withCookie: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers)
      headers.set('cookie', cookie)
      return fetch(input, { ...init, headers })
    }
    const gateway = edgeGateway(realmId, { origin: edge.url, fetch: withCookie })
    const { admin, entities } = emulatorAdmin(emu.url, realmId)
    let offset = 0
    const clock = { now: () => Date.parse('2026-03-01T09:00:00Z') + offset, sleep: async (ms: number) => { offset += ms }, advance: (ms: number) => { offset += ms } }
    let n = 0
    const random = { next: () => ((n = (n * 16807 + 7) % 2147483647) / 2147483647), uuid: () => crypto.randomUUID() }
    const running = edge
    return {
      emu, edgeUrl: edge.url, realmId, cookie, gateway, clock, admin,
      device() {
        const db = testDb(testClock('2026-03-01T09:00:00.000Z'))
        return { db, deps: (over = {}) => ({ store: new DexieStore(db), gateway, clock, random, realmId, ...over }) }
      },
      entities,
      async close() { await running.dispose(); await emu.close() },
    }
  } catch (e) {
    await edge?.dispose()
    await emu.close()
    throw e
  }
}
