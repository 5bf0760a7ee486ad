/**
 * `POST /auth/disconnect` (owners only): revoke the grant at Intuit, wipe the realm's tokens, end the
 * session of every device of the company; answers how many devices that was.
 */
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
  const result = await c.env.REALM_GATE.getByName(session.realmId).disconnect(session.device)
  // A device whose role may not disconnect keeps its session; any other outcome ends it.
  if (!result.ok && result.error.code === 'forbidden_role') return apiError(c, 'forbidden_role', result.error.message)
  clearSessionCookie(c)
  if (!result.ok) return apiError(c, result.error.code, result.error.message)
  const { revoked, deviceCount } = result.value
  c.header('Cache-Control', 'no-store')
  return c.json({ disconnected: true, revoked, deviceCount } satisfies DisconnectResponse)
})
