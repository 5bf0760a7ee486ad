/** `POST /auth/disconnect`: revoke the grant at Intuit, wipe the realm's tokens, end the session. */
import { Hono } from 'hono'
import type { DisconnectResponse } from '#shared/api/session.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { clearSessionCookie } from '../session/cookies.ts'
import { currentSession } from '../session/current.ts'

export const disconnectRoutes = new Hono<AppEnv>()

disconnectRoutes.post('/', async (c) => {
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'There is no QuickBooks session to end.')
  const result = await c.env.REALM_GATE.getByName(session.realmId).disconnect(session.grant)
  // Either way this browser's session is over.
  clearSessionCookie(c)
  if (!result.ok) return apiError(c, result.error.code, result.error.message)
  const { revoked } = result.value
  c.header('Cache-Control', 'no-store')
  return c.json({ disconnected: true, revoked } satisfies DisconnectResponse)
})
