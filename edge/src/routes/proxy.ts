/**
 * `/api/qbo/{realmId}/{path}`: forwards the QuickBooks calls the app makes, for the session's own
 * company only, through the realm's RealmGate (the device's role, pacing, budget, tokens). What goes upstream is rebuilt
 * from what was checked: the parameters as parsed, the body as the serialization of the value
 * judged, the edge's own Content-Type. Intuit's status and body come back unchanged so the engine
 * can classify faults; the edge's own refusals are ApiErrorBody.
 */
import { Hono } from 'hono'
import { QBO_PROXY_PREFIX } from '#shared/api/qbo-proxy.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { readBounded, utf8 } from '../http/bounded-body.ts'
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
  const pathRealm = safeDecode(realmSegment)
  if (pathRealm === null) return apiError(c, 'bad_request', 'The path has a malformed percent-escape.')
  if (pathRealm !== session.realmId) {
    return apiError(
      c,
      'realm_mismatch',
      `This session is connected to QuickBooks company ${session.realmId}, not that one.`,
    )
  }
  const allowed = checkAllowed(c.req.method, segments, url.search.slice(1))
  if (!allowed.ok) return apiError(c, 'forbidden_path', allowed.error.message)
  const checked = allowed.value

  let body: string | null = null
  if (checked.body !== 'none') {
    // A JSON content type: what the app sends, and what no cross-site form can send without a preflight.
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json') return apiError(c, 'forbidden_path', 'Refused: the body must be application/json.')
    const read = await readBounded(c.req.raw, MAX_BODY_BYTES)
    if (!read.ok) {
      return apiError(
        c,
        'bad_request',
        `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB the edge forwards.`,
      )
    }
    const text = utf8(read.value)
    // Intuit refuses other encodings anyway (docs/quickbooks.md §2.2); decoding them lossily would alter the body.
    if (text === null) return apiError(c, 'bad_request', 'The request body is not UTF-8.')
    const canonical = checkBody(checked.body, text)
    if (!canonical.ok) return apiError(c, 'forbidden_path', canonical.error.message)
    body = canonical.value
  }

  const result = await c.env.REALM_GATE.getByName(session.realmId).forward(
    { device: session.device, permission: checked.permission },
    {
      realmId: session.realmId,
      method: checked.method,
      path: checked.path,
      params: checked.params,
      body,
      kind: checked.kind,
    },
  )
  if (!result.ok) return apiError(c, result.error.code, result.error.message, result.error.retryAfterMs)
  // Where the time went: waiting for the pacer, QuickBooks itself, and the whole edge.
  const { queuedMs, upstreamMs } = result.value.timing
  const timing = `pacer;dur=${queuedMs}, qbo;dur=${upstreamMs}, edge;dur=${Date.now() - receivedAt}`
  const { body: answer, status, headers } = result.value
  return new Response(answer, { status, headers: { ...headers, 'Cache-Control': 'no-store', 'Server-Timing': timing } })
})

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
