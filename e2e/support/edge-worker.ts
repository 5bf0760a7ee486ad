/**
 * The real edge in workerd for Node-side tests and benchmarks: wrangler's `unstable_startWorker` bundles the
 * Worker from wrangler.toml (Durable Object included) with the vars `npm start` would give it for an emulator,
 * and `connectThroughEdge` walks the OAuth flow as a browser does, returning the session cookie.
 * @module
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { appBuildDir } from '../../scripts/app-build.ts'
import { emulatorVars } from '../../scripts/edge-vars.ts'

export interface EdgeWorker {
  url: string
  dispose(): Promise<void>
}

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

export interface EdgeWorkerOptions {
  emulatorUrl: string
  /** Where the edge believes the app lives (its APP_ORIGIN, and the callback's origin). */
  appOrigin: string
  /** 0 picks a free port. */
  port?: number
  /** Vars that override the emulator defaults. */
  vars?: Record<string, string>
}

export async function startEdgeWorker(opts: EdgeWorkerOptions): Promise<EdgeWorker> {
  // Nothing leaves loopback: no metrics post, no Request.cf fetch, no update check. wrangler's own config setting did
  // not stop the first metrics post; these three variables do.
  Object.assign(process.env, {
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG: process.env['WRANGLER_LOG'] ?? 'error',
  })
  // wrangler.toml serves the app's build as assets and refuses to start without its folder; the API needs no build.
  mkdirSync(appBuildDir, { recursive: true })
  const { unstable_startWorker } = await import('wrangler')
  const vars = { ...emulatorVars(opts.emulatorUrl, opts.appOrigin), ...opts.vars }
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }]),
    ),
    dev: { server: { hostname: '127.0.0.1', port: opts.port ?? 0 }, inspector: false, persist: false },
  })
  const url = (await worker.url).origin
  return { url, dispose: () => worker.dispose() }
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ')

/**
 * Connect → the emulator's consent form → callback, as a browser would; returns the `__Host-fs_session=…` cookie.
 * The callback is fetched from the edge itself whatever origin Intuit names, as the app's origin proxies it there.
 */
export async function connectThroughEdge(edgeUrl: string, emulatorUrl: string, realmId: string): Promise<string> {
  const start = await fetch(`${edgeUrl}/auth/intuit/connect`, { redirect: 'manual' })
  const authorize = start.headers.get('location')
  if (start.status !== 302 || !authorize) throw new Error(`connect: ${start.status}`)
  const consent = await (await fetch(authorize)).text()
  const form = new URLSearchParams()
  for (const m of consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(unescapeHtml(m[1]!), unescapeHtml(m[2]!))
  form.set('realmId', realmId)
  form.set('decision', 'connect')
  const decided = await fetch(`${emulatorUrl}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })
  const back = new URL(decided.headers.get('location') ?? '')
  const callback = await fetch(`${edgeUrl}${back.pathname}${back.search}`, {
    headers: { cookie: cookiesOf(start) },
    redirect: 'manual',
  })
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-fs_session='))
  if (!session)
    throw new Error(`callback: ${callback.status} ${callback.headers.get('location') ?? (await callback.text())}`)
  return session.split(';')[0]!
}
