/**
 * Which requests are the edge's and which are the app's files. The edge's roots match the service worker's list
 * (web/src/sw/cache-policy.ts): everything under them is answered by the Worker's routes and never by a file.
 */
const edgeRoots = ['/api', '/auth', '/webhooks', '/health']

export function isEdgePath(pathname: string): boolean {
  return edgeRoots.some((root) => pathname === root || pathname.startsWith(root + '/'))
}

/** Vite names every file under /assets/ by its content's hash, so a name never changes meaning. */
const hashedRoot = '/assets/'

export const isHashed = (pathname: string): boolean => pathname.startsWith(hashedRoot)

/** Hashed files are kept a year and never revalidated; everything else (index.html, sw.js) is asked for each time. */
export function cacheControlFor(pathname: string, status: number): string | undefined {
  if (status !== 200 && status !== 304) return undefined
  return isHashed(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache'
}
