/**
 * The service worker: precaches the app shell (every file of the build, listed
 * at build time by precache-plugin.ts) so that a reload with no network opens
 * the app; the data itself lives in IndexedDB and needs nothing from here.
 * The edge's routes are never cached (see cache-policy.ts).
 *
 * Typed with small local interfaces: the project's tsconfig carries the DOM
 * library, whose `self` is a Window, and the webworker library cannot sit beside it.
 */
import { decide } from './cache-policy.ts'

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  request: Request
  respondWith(r: Promise<Response>): void
}
interface WorkerScope {
  location: Location
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void
}

/** Replaced at build time with `{ version, files }`. */
declare const __FIELDSYNC_PRECACHE__: { version: string; files: string[] }

const scope = self as unknown as WorkerScope
const manifest = __FIELDSYNC_PRECACHE__
const cacheName = `fieldsync-shell-${manifest.version}`
const precached = new Set(manifest.files)

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(manifest.files))
      .then(() => scope.skipWaiting()),
  )
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('fieldsync-shell-') && n !== cacheName).map((n) => caches.delete(n)),
        ),
      )
      .then(() => scope.clients.claim()),
  )
})

scope.addEventListener('fetch', (event) => {
  const req = event.request
  const decision = decide({ method: req.method, url: req.url, mode: req.mode }, scope.location.origin, precached)
  if (decision.kind === 'network') return
  const path = decision.kind === 'shell' ? '/index.html' : decision.path
  event.respondWith(caches.open(cacheName).then(async (cache) => (await cache.match(path)) ?? fetch(req)))
})
