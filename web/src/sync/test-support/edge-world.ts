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
import { emulatorVars, localApp } from '../../../../scripts/edge-vars.ts'
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

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ')

async function startEdge(emulatorUrl: string): Promise<{ url: string; dispose(): Promise<void> }> {
  // Nothing leaves loopback: no metrics, no Request.cf lookup, no update check (toolchain.md).
  Object.assign(process.env, { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true', WRANGLER_LOG: process.env['WRANGLER_LOG'] ?? 'error' })
  const { unstable_startWorker } = await import('wrangler')
  const vars = emulatorVars(emulatorUrl, APP_ORIGIN)
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, persist: false },
  })
  const url = (await worker.url).origin
  return { url, dispose: () => worker.dispose() }
}

/** Connect → consent → callback, as a browser; returns the session cookie the callback sets. */
async function connect(edgeUrl: string, emulatorUrl: string, realmId: string): Promise<string> {
  const start = await fetch(`${edgeUrl}/auth/intuit/connect`, { redirect: 'manual' })
  const authorize = start.headers.get('location')
  if (start.status !== 302 || !authorize) throw new Error(`connect: ${start.status}`)
  const stateCookie = cookiesOf(start)
  const consent = await (await fetch(authorize)).text()
  const form = new URLSearchParams()
  for (const m of consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(unescapeHtml(m[1]!), unescapeHtml(m[2]!))
  form.set('realmId', realmId)
  form.set('decision', 'connect')
  const decided = await fetch(`${emulatorUrl}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })
  const back = new URL(decided.headers.get('location') ?? '')
  if (back.origin !== APP_ORIGIN) throw new Error(`consent sent the browser to ${back.href}`)
  const callback = await fetch(`${edgeUrl}${back.pathname}${back.search}`, { headers: { cookie: stateCookie }, redirect: 'manual' })
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('fs_session='))
  if (!session) throw new Error(`callback: ${callback.status} ${await callback.text()}`)
  return session.split(';')[0]!
}

export async function startEdgeWorld(): Promise<EdgeWorld> {
  const emu = await startEmulator({
    port: 0, seed: 'small', timeScale: 1000,
    apps: [{ clientId: localApp.clientId, clientSecret: localApp.clientSecret, redirectUris: [`${APP_ORIGIN}/auth/intuit/callback`] }],
  })
  let edge: { url: string; dispose(): Promise<void> } | undefined
  try {
    edge = await startEdge(emu.url)
    const realmId = SMALL_REALM_ID
    const cookie = await connect(edge.url, emu.url, realmId)
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
