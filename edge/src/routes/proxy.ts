/**
 * `/api/qbo/{realmId}/{path}`: forwards the QuickBooks calls the app makes, for the session's own
 * company only, through the realm's RealmGate (pacing, tokens). Intuit's status and body come back
 * unchanged so the engine can classify faults; the edge's own refusals are ApiErrorBody.
 */
import { Hono } from 'hono'
import { QBO_PROXY_PREFIX } from '../../../shared/api/qbo-proxy.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { checkAllowed } from '../proxy/allowlist.ts'
import { checkBody } from '../proxy/body-check.ts'
import { currentSession } from '../session/current.ts'

export const proxyRoutes = new Hono<AppEnv>()

const MAX_BODY_BYTES = 2 * 1024 * 1024

proxyRoutes.all('/:realmId/*', async (c) => {
  const receivedAt = Date.now()
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'Connect QuickBooks first: there is no session.')
  const url = new URL(c.req.url)
  // The raw (still percent-encoded) path, so an encoded slash cannot smuggle in another segment.
  const [realmSegment = '', ...segments] = url.pathname.slice(QBO_PROXY_PREFIX.length + 1).split('/')
  if (decodeURIComponent(realmSegment) !== session.realmId) {
    return apiError(c, 'realm_mismatch', `This session is connected to QuickBooks company ${session.realmId}, not ${decodeURIComponent(realmSegment)}.`)
  }
  const method = c.req.method
  const allowed = checkAllowed(method, segments, url.searchParams, session.realmId)
  if (!allowed.ok) return apiError(c, 'forbidden_path', `Refused: ${allowed.reason}.`)

  let body: string | null = null
  if (method === 'POST') {
    body = await c.req.text()
    if (body.length > MAX_BODY_BYTES) return apiError(c, 'bad_request', 'The request body is too large to forward.')
    const checked = checkBody(segments[0] ?? '', body)
    if (!checked.ok) return apiError(c, 'forbidden_path', `Refused: ${checked.reason}.`)
  }
  const result = await c.env.REALM_GATE.getByName(session.realmId).forward(session.grant, {
    realmId: session.realmId,
    method: method === 'POST' ? 'POST' : 'GET',
    path: segments.join('/'),
    search: url.search.slice(1),
    body,
    contentType: c.req.header('content-type') ?? null,
    kind: allowed.kind,
  })
  if (!result.ok) return apiError(c, result.error.code, result.error.message, result.error.retryAfterMs)
  // Where the time went: waiting for the pacer, QuickBooks itself, and the whole edge.
  const { queuedMs, upstreamMs } = result.timing
  const timing = `pacer;dur=${queuedMs}, qbo;dur=${upstreamMs}, edge;dur=${Date.now() - receivedAt}`
  return new Response(result.body, { status: result.status, headers: { ...result.headers, 'Cache-Control': 'no-store', 'Server-Timing': timing } })
})
