/**
 * The request's session, read from the signed cookie; null when absent, expired or forged. A cookie
 * signed under the previous SESSION_SECRET is signed again under the current one, for the time it had left;
 * one of the shape before device sessions is taken over once (legacy.ts).
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { readSessionCookie, setSessionCookie } from './cookies.ts'
import { adoptLegacySession } from './legacy.ts'
import { signSession, verifySession, type SessionClaims } from './tokens.ts'
import type { RealmId } from '#shared/ids.ts'
import type { DeviceId } from '#shared/api/team.ts'

export async function currentSession(c: Context<AppEnv>): Promise<SessionClaims | null> {
  const keys = c.get('config').sessionKeys
  const now = Date.now()
  const session = await verifySession(keys, readSessionCookie(c), now)
  if (!session) return adoptLegacySession(c, now)
  if (session.stale) {
    const left = session.expiresAt - Math.floor(now / 1000)
    setSessionCookie(c, await signSession(keys, session.claims, left, now), left)
  }
  return session.claims
}

/** Sets the session cookie naming this browser's device of `realmId` (after a connect or a join). */
export async function startSession(
  c: Context<AppEnv>,
  realmId: RealmId | string,
  device: DeviceId | string,
  now = Date.now(),
): Promise<void> {
  const config = c.get('config')
  const claims = { realmId: realmId as RealmId, device: device as DeviceId }
  setSessionCookie(
    c,
    await signSession(config.sessionKeys, claims, config.sessionTtlSeconds, now),
    config.sessionTtlSeconds,
  )
}
