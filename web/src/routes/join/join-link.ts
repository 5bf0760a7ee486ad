/**
 * A join code's QR code opens `<app>/join?code=…`, a path the edge answers with the app's page. The app routes by
 * the URL's hash, so that address is turned into `/#/join?code=…` before the router reads it.
 */
export function joinLinkTarget(loc: Pick<Location, 'pathname' | 'search' | 'hash'>): string | undefined {
  if (loc.pathname.replace(/\/+$/, '') !== '/join' || loc.hash.length > 1) return undefined
  return `/#/join${loc.search}`
}

/** Rewrites the address in place (no reload, no history entry) when it is a join link. */
export function followJoinLink(): void {
  const to = joinLinkTarget(location)
  if (to) history.replaceState(null, '', to)
}
