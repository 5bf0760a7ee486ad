/**
 * Session cookies signed before device sessions named a grant, not a device. Rather than sign every
 * connected browser out at the upgrade, such a cookie whose grant is still its company's becomes an
 * owner device (only an owner could connect then) and is signed again in the new shape, for the time
 * it had left. A cookie of an older grant stays ended, as it was.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { readSessionCookie, setSessionCookie } from './cookies.ts'
import { signSession, verifyLegacySession, type SessionClaims } from './tokens.ts'

export async function adoptLegacySession(c: Context<AppEnv>, now: number): Promise<SessionClaims | null> {
  const keys = c.get('config').sessionKeys
  const legacy = await verifyLegacySession(keys, readSessionCookie(c), now)
  if (!legacy) return null
  const { realmId, grant, sid } = legacy.claims
  const adopted = await c.env.REALM_GATE.getByName(realmId).adoptLegacySession(grant, sid)
  if (!adopted.ok) return null
  const claims: SessionClaims = { realmId, device: adopted.value.id }
  const left = legacy.expiresAt - Math.floor(now / 1000)
  setSessionCookie(c, await signSession(keys, claims, left, now), left)
  return claims
}
