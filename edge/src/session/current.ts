/** The request's session, read from the signed cookie; null when absent, expired or forged. */
import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { readSessionCookie } from './cookies.ts'
import { verifySession, type SessionClaims } from './tokens.ts'

export function currentSession(c: Context<AppEnv>): Promise<SessionClaims | null> {
  return verifySession(c.get('config').sessionSecret, readSessionCookie(c), Date.now())
}
