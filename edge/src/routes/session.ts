/**
 * `GET /api/session`: is QuickBooks connected for this browser, to which company, as which device and
 * role, and did it report changes. A removed device is answered 401 `device_removed`.
 */
import { Hono } from 'hono'
import { SessionQuery, type SessionResponse } from '#shared/api/session.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { currentSession } from '../session/current.ts'

export const sessionRoutes = new Hono<AppEnv>()

sessionRoutes.get('/', async (c) => {
  c.header('Cache-Control', 'no-store')
  const query = SessionQuery.safeParse(c.req.query())
  if (!query.success) return apiError(c, 'bad_request', 'changesSince must be a whole number.')
  const session = await currentSession(c)
  if (!session) return c.json({ connected: false, needsReconnect: false } satisfies SessionResponse)
  const since = query.data.changesSince ?? 0
  const status = await c.env.REALM_GATE.getByName(session.realmId).status(session.device, since)
  if (status.refused) return apiError(c, status.refused.code, status.refused.message)
  if (!status.connected || status.refreshExpiresAt === null || status.device === null) {
    return c.json({ connected: false, needsReconnect: status.needsReconnect } satisfies SessionResponse)
  }
  const body: SessionResponse = {
    connected: true,
    realmId: session.realmId,
    companyName: status.companyName,
    device: status.device,
    deviceCount: status.deviceCount,
    refreshTokenExpiresAt: new Date(status.refreshExpiresAt).toISOString(),
    needsReconnect: status.needsReconnect,
    changes: {
      seq: status.changes.seq,
      changed: status.changes.entities.length > 0,
      entities: status.changes.entities,
    },
  }
  return c.json(body)
})
