/**
 * What the service worker does with one request. Pure, so the rules are tested
 * without a browser: the app shell (the build's own files) is served from the
 * precache; the edge's routes always go to the network and are never stored,
 * because they carry sessions, tokens and live QuickBooks data.
 */
export type CacheDecision = { kind: 'precached'; path: string } | { kind: 'shell' } | { kind: 'network' }

export interface RequestFacts {
  method: string
  url: string
  mode: string
}

const edgeRoots = ['/api', '/auth', '/webhooks', '/health']

export function isEdgePath(pathname: string): boolean {
  return edgeRoots.some((root) => pathname === root || pathname.startsWith(root + '/'))
}

export function decide(req: RequestFacts, origin: string, precached: ReadonlySet<string>): CacheDecision {
  if (req.method !== 'GET') return { kind: 'network' }
  const url = new URL(req.url)
  if (url.origin !== origin || isEdgePath(url.pathname)) return { kind: 'network' }
  if (precached.has(url.pathname)) return { kind: 'precached', path: url.pathname }
  // The app routes with the hash, so every page load is a navigation to the one
  // index.html; serving it from the cache is what lets a reload open offline.
  if (req.mode === 'navigate') return { kind: 'shell' }
  return { kind: 'network' }
}
