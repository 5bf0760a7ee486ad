/**
 * Guards for the routes only the app's own pages call (`/api/*`, `/auth/disconnect`):
 *
 * - Fetch metadata: a browser says where a request comes from. `Sec-Fetch-Site` other than
 *   `same-origin` (another site, a sibling subdomain, a typed-in URL) and `Sec-Fetch-Mode: navigate`
 *   (a link or form that would render the answer as a page) are refused. Clients that send no fetch
 *   metadata (the app's tests, scripts) are judged by their session alone.
 * - Origin: a write whose Origin is not the app's is refused.
 * - Every answer says: never sniff, never render, never leak the URL onward.
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'

export const browserOnly = createMiddleware<AppEnv>(async (c, next) => {
  const site = c.req.header('sec-fetch-site')
  const mode = c.req.header('sec-fetch-mode')
  if ((site !== undefined && site !== 'same-origin') || mode === 'navigate') {
    console.warn('refused by fetch metadata', { path: c.req.path, site, mode })
    return apiError(c, 'forbidden_origin', 'Only the Fieldsync app itself may make this request.')
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const origin = c.req.header('origin')
    if (origin !== undefined && origin !== c.get('config').appOrigin) {
      console.warn('refused by origin', { path: c.req.path, origin })
      return apiError(c, 'forbidden_origin', 'Only the Fieldsync app itself may make this request.')
    }
  }
  await next()
})

/** Headers on every `/api` answer, refusals included. */
export const apiAnswerHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  c.res.headers.set('X-Content-Type-Options', 'nosniff')
  c.res.headers.set('Content-Security-Policy', "default-src 'none'; sandbox")
  c.res.headers.set('Referrer-Policy', 'no-referrer')
})
