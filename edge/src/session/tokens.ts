/**
 * Signed cookies' contents, as HS256 JWTs (jose): the session (which browser session, which realm)
 * and the OAuth state binding (a hash of the state sent to Intuit). Each purpose has its own
 * derived key and audience, so one can never be replayed as the other.
 */
import { SignJWT, jwtVerify } from 'jose'
import { z } from 'zod'
import { RealmId } from '#shared/ids.ts'
import { err, ok, type Result } from '#shared/result.ts'

type Purpose = 'session' | 'oauth-state'

const keys = new Map<string, Promise<Uint8Array>>()

function keyFor(secret: string, purpose: Purpose): Promise<Uint8Array> {
  const id = `${purpose}\u0000${secret}`
  let key = keys.get(id)
  if (!key) {
    key = crypto.subtle.digest('SHA-256', new TextEncoder().encode(id)).then((d) => new Uint8Array(d))
    keys.set(id, key)
  }
  return key
}

const ISSUER = 'fieldsync-edge'

async function sign(
  secret: string,
  purpose: Purpose,
  claims: Record<string, unknown>,
  ttlSeconds: number,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(purpose)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(await keyFor(secret, purpose))
}

/** Why a signed token is refused: absent, past its expiry, or not one of ours (bad signature, wrong purpose, shape). */
export type TokenRefusal = { kind: 'missing' | 'expired' | 'invalid'; message: string }

const refusal = (kind: TokenRefusal['kind']): TokenRefusal => ({ kind, message: refusalMessages[kind] })
const refusalMessages: Record<TokenRefusal['kind'], string> = {
  missing: 'No token was sent.',
  expired: 'The token has expired.',
  invalid: 'The token is not valid.',
}

type Verified = Result<Record<string, unknown>, TokenRefusal>

async function verify(secret: string, purpose: Purpose, token: string, nowMs: number): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, await keyFor(secret, purpose), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: purpose,
      currentDate: new Date(nowMs),
    })
    return ok(payload)
  } catch (e) {
    return err(refusal((e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid'))
  }
}

/** `grant` names the grant the session was started with; the session ends when that grant does. */
export const SessionClaims = z.object({ sid: z.string().min(16), realmId: RealmId, grant: z.string().min(16) })
export type SessionClaims = z.infer<typeof SessionClaims>

export function signSession(secret: string, claims: SessionClaims, ttlSeconds: number, nowMs: number): Promise<string> {
  return sign(secret, 'session', claims, ttlSeconds, nowMs)
}

export async function verifySession(
  secret: string,
  token: string | undefined,
  nowMs: number,
): Promise<SessionClaims | null> {
  if (!token) return null
  const v = await verify(secret, 'session', token, nowMs)
  if (!v.ok) return null
  const parsed = SessionClaims.safeParse(v.value)
  return parsed.success ? parsed.data : null
}

export const StateClaims = z.object({ stateHash: z.string().min(16), popup: z.boolean() })
export type StateClaims = z.infer<typeof StateClaims>

export function signState(secret: string, claims: StateClaims, ttlSeconds: number, nowMs: number): Promise<string> {
  return sign(secret, 'oauth-state', claims, ttlSeconds, nowMs)
}

export async function verifyState(
  secret: string,
  token: string | undefined,
  nowMs: number,
): Promise<Result<StateClaims, TokenRefusal>> {
  if (!token) return err(refusal('missing'))
  const v = await verify(secret, 'oauth-state', token, nowMs)
  if (!v.ok) return v
  const parsed = StateClaims.safeParse(v.value)
  return parsed.success ? ok(parsed.data) : err(refusal('invalid'))
}
