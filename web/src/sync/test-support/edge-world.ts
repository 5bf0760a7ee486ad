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
import { SessionResponse } from '#shared/api/index.ts'
import { listen } from '#emulator/src/listen.ts'
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '#emulator/src/serve.ts'
import { SMALL_REALM_ID } from '#emulator/src/seeds/small.ts'
import { localApp } from '#scripts/edge-vars.ts'
import { connectThroughEdge, startEdgeWorker, type EdgeWorker } from '#e2e/support/edge-worker.ts'
import { testClock, testDb, type TestClock } from '../../db/test-db.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import { edgeGateway } from '../adapters/edge-gateway.ts'
import type { Clock, QboEntity, QboGateway } from '../ports.ts'
import { fakeClock } from './fake-clock.ts'
import type { RunnerDeps } from '../runner/index.ts'
import { emulatorAdmin } from './emulator-world.ts'

// Loopback: the edge accepts its local development secrets only when every URL is loopback.
const APP_ORIGIN = 'http://127.0.0.1:5173'
/** Emulator ms per real ms: Intuit's minute lasts 60 ms. */
const TIME_SCALE = 1000

export interface EdgeWorldOptions {
  /** Emulator settings on top of the small seed. */
  emulator?: Pick<StartEmulatorOptions, 'tokenLifetimes'>
  /**
   * The edge's pacer window and the engine's backoff waits pass at the emulator's time scale, as all three share
   * Intuit's minute in production. Without it the engine's waits are skipped and the pacer counts real minutes.
   */
  scaledTime?: boolean
}

export interface EdgeWorld {
  emu: RunningEmulator
  edgeUrl: string
  realmId: string
  /** The edge's session cookie (`__Host-fs_session=…`), as the browser would hold it; `reconnect` replaces it. */
  readonly cookie: string
  gateway: QboGateway
  clock: Clock & { advance(ms: number): void }
  /** A fresh device: its own IndexedDB (stamped by `clock`, which the test moves), same connection. */
  device(): { db: FieldsyncDB; clock: TestClock; deps(over?: Partial<RunnerDeps>): RunnerDeps }
  /** `GET /api/session` with the cookie, as the worker asks it; undefined when the edge cannot be reached. */
  session(changesSince?: number): Promise<SessionResponse | undefined>
  /** Connect again through the OAuth flow (the card's Reconnect); `gateway` and `session` use the new cookie. */
  reconnect(): Promise<void>
  /**
   * Stops the emulator's listener, so the edge's calls to QuickBooks are refused; the returned call listens again on
   * the same port with the same companies and tokens. Webhook deliveries stop for good (the emulator's timers end).
   */
  quickBooksDown(): Promise<() => Promise<void>>
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>
  entities(entity: 'Customer' | 'Item' | 'Invoice' | 'Payment'): Promise<QboEntity[]>
  close(): Promise<void>
}

export async function startEdgeWorld(opts: EdgeWorldOptions = {}): Promise<EdgeWorld> {
  const emu = await startEmulator({
    port: 0,
    seed: 'small',
    timeScale: TIME_SCALE,
    ...opts.emulator,
    apps: [
      {
        clientId: localApp.clientId,
        clientSecret: localApp.clientSecret,
        redirectUris: [`${APP_ORIGIN}/auth/intuit/callback`],
      },
    ],
  })
  let listening: { close(): Promise<void> } = emu
  let edge: EdgeWorker | undefined
  try {
    const vars: Record<string, string> = opts.scaledTime ? { PACER_TIME_SCALE: String(TIME_SCALE) } : {}
    edge = await startEdgeWorker({ emulatorUrl: emu.url, appOrigin: APP_ORIGIN, vars })
    const edgeUrl = edge.url
    const realmId = SMALL_REALM_ID
    let cookie = await connectThroughEdge(edgeUrl, emu.url, realmId)
    const withCookie: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers)
      headers.set('cookie', cookie)
      return fetch(input, { ...init, headers })
    }
    const gateway = edgeGateway(realmId, { origin: edgeUrl, fetch: withCookie })
    const { admin, entities } = emulatorAdmin(emu.url, realmId)
    const clock = fakeClock(
      '2026-03-01T09:00:00Z',
      opts.scaledTime ? (ms) => new Promise((resolve) => setTimeout(resolve, ms / TIME_SCALE)) : undefined,
    )
    let n = 0
    const random = { next: () => (n = (n * 16807 + 7) % 2147483647) / 2147483647, uuid: () => crypto.randomUUID() }
    const running = edge
    return {
      emu,
      edgeUrl,
      realmId,
      gateway,
      clock,
      admin,
      entities,
      get cookie() {
        return cookie
      },
      device() {
        const dbClock = testClock('2026-03-01T09:00:00.000Z')
        const db = testDb(dbClock)
        return {
          db,
          clock: dbClock,
          deps: (over = {}) => ({ store: new DexieStore(db), gateway, clock, random, realmId, ...over }),
        }
      },
      async session(changesSince = 0) {
        try {
          const res = await withCookie(`${edgeUrl}/api/session?changesSince=${changesSince}`)
          const parsed = SessionResponse.safeParse(await res.json())
          return parsed.success ? parsed.data : undefined
        } catch {
          return undefined
        }
      },
      async reconnect() {
        cookie = await connectThroughEdge(edgeUrl, emu.url, realmId)
      },
      async quickBooksDown() {
        await listening.close()
        return async () => {
          listening = await listen(emu.emulator, { port: emu.port })
        }
      },
      async close() {
        await running.dispose()
        await listening.close()
      },
    }
  } catch (e) {
    await edge?.dispose()
    await emu.close()
    throw e
  }
}
