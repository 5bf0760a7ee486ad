/**
 * The real edge in workerd through wrangler's `unstable_startWorker` (it reads wrangler.toml and bundles the
 * Worker itself), with the vars `npm start` would give it for an emulator, and a browser-like connect through it
 * that returns the session cookie. Used where a benchmark needs the edge's own signature check, session and
 * Durable Object, not an in-process stand-in.
 * @module
 */
import { createServer } from 'node:net'
import { emulatorVars } from '../../scripts/edge-vars.ts'

export interface EdgeWorker { url: string; dispose(): Promise<void> }

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Starts the edge on `port`, pointed at the emulator at `emulatorUrl`; `extra` vars override the defaults. */
export async function startEdgeWorker(emulatorUrl: string, port: number, extra: Record<string, string> = {}): Promise<EdgeWorker> {
  // No metrics post, no Request.cf fetch, no update check: nothing leaves loopback (toolchain.md gotcha 10).
  Object.assign(process.env, { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true', WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn' })
  const { unstable_startWorker } = await import('wrangler')
  const origin = `http://127.0.0.1:${port}`
  const vars = { ...emulatorVars(emulatorUrl, origin), ...extra }
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port }, inspector: false, persist: false },
  })
  await worker.ready
  return { url: origin, dispose: () => worker.dispose() }
}

/** Connect QuickBooks through the edge as a browser would (connect → consent → callback); the session cookie. */
export async function connectThroughEdge(edge: string, emulator: string, realmId: string): Promise<string> {
  const start = await fetch(`${edge}/auth/intuit/connect`, { redirect: 'manual' })
  const stateCookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const consent = await (await fetch(start.headers.get('location')!)).text()
  const form = new URLSearchParams()
  for (const m of consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) if (m[1] !== 'realmId') form.set(m[1]!, m[2]!.replace(/&amp;/g, '&'))
  form.set('realmId', realmId)
  form.set('decision', 'connect')
  const decided = await fetch(`${emulator}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })
  const callback = await fetch(decided.headers.get('location')!, { headers: { cookie: stateCookie }, redirect: 'manual' })
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('fs_session='))
  if (!session) throw new Error(`connect failed: ${callback.status} ${callback.headers.get('location')}`)
  return session.split(';')[0]!
}
