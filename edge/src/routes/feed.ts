/**
 * `GET /api/feed?since=<seq>`: the device's live change feed, a WebSocket held by its company's RealmGate
 * (shared/api/feed.ts). The session cookie names the company and device, as on every `/api` route; and since
 * any page may open a WebSocket to any site, the Origin must be the app's.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { feedRequest } from '../feed/sockets.ts'
import { currentSession } from '../session/current.ts'

export const feedRoutes = new Hono<AppEnv>()

const Since = z.coerce.number().int().nonnegative().optional()

feedRoutes.get('/', async (c) => {
  if (c.req.header('origin') !== c.get('config').appOrigin) {
    console.warn('feed refused by origin', { origin: c.req.header('origin') })
    return apiError(c, 'forbidden_origin', 'Only the Fieldsync app itself may open the change feed.')
  }
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
    return apiError(c, 'bad_request', 'The change feed is a WebSocket.')
  const since = Since.safeParse(c.req.query('since'))
  if (!since.success) return apiError(c, 'bad_request', 'since must be a whole number.')
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'Connect QuickBooks first: there is no session.')
  const gate = c.env.REALM_GATE.getByName(session.realmId)
  // A device the company removed, or every device after a disconnect, is refused here.
  const admitted = await gate.admit(session.device, 'records')
  if (!admitted.ok) return apiError(c, admitted.error.code, admitted.error.message)
  const upgraded = await gate.fetch(feedRequest(session.device, since.data ?? null))
  // The gate's answer carries the socket; a new Response lets the /api headers be added to it.
  return new Response(null, { status: upgraded.status, webSocket: upgraded.webSocket })
})
