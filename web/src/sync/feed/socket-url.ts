/** The feed's WebSocket address on the app's own origin (the worker's origin is the page's). */
export function feedUrl(origin: string, since: number | null): string {
  const url = new URL('/api/feed', origin.replace(/^http/, 'ws'))
  if (since !== null) url.searchParams.set('since', String(since))
  return url.toString()
}
