/**
 * Signed cookies' contents, as HS256 JWTs (jose): the session (which realm, which device)
 * and the OAuth state binding (a hash of the state sent to Intuit). Each purpose has its own
 * derived key and audience, so one can never be replayed as the other. The header's `kid` names the
 * SESSION_SECRET that signed it: after a rotation the previous one is still accepted (`stale`), and
 * the session cookie is signed again under the current one.
 */
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose'
import { z } from 'zod'
import { RealmId } from '#shared/ids.ts'
import { DeviceId } from '#shared/api/team.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { keyFor, keyId } from '../crypto/key-id.ts'
import type { KeySet } from '../env.ts'

type Purpose = 'session' | 'oauth-state'

const derived = new WeakMap<Uint8Array, Map<Purpose, Promise<Uint8Array>>>()

function purposeKey(secret: Uint8Array<ArrayBuffer>, purpose: Purpose): Promise<Uint8Array> {
  let byPurpose = derived.get(secret)
  if (!byPurpose) derived.set(secret, (byPurpose = new Map()))
  let key = byPurpose.get(purpose)
  if (!key) {
    const tagged = new Uint8Array([...new TextEncoder().encode(`${purpose}\u0000`), ...secret])
    key = crypto.subtle.digest('SHA-256', tagged).then((d) => new Uint8Array(d))
    byPurpose.set(purpose, key)
  }
  return key
}

const ISSUER = 'fieldsync-edge'

async function sign(
  keys: KeySet,
  purpose: Purpose,
  claims: Record<string, unknown>,
  ttlSeconds: number,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: await keyId(keys.current) })
    .setIssuer(ISSUER)
    .setAudience(purpose)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(await purposeKey(keys.current, purpose))
}

/** Why a signed token is refused: absent, past its expiry, or not one of ours (bad signature, wrong purpose, shape). */
export type TokenRefusal = { kind: 'missing' | 'expired' | 'invalid'; message: string }

const refusal = (kind: TokenRefusal['kind']): TokenRefusal => ({ kind, message: refusalMessages[kind] })
const refusalMessages: Record<TokenRefusal['kind'], string> = {
  missing: 'No token was sent.',
  expired: 'The token has expired.',
  invalid: 'The token is not valid.',
}

type Verified = Result<{ payload: Record<string, unknown>; stale: boolean }, TokenRefusal>

async function verify(keys: KeySet, purpose: Purpose, token: string, nowMs: number): Promise<Verified> {
  try {
    const found = await keyFor(keys, decodeProtectedHeader(token).kid)
    if (!found) return err(refusal('invalid'))
    const { payload } = await jwtVerify(token, await purposeKey(found.key, purpose), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: purpose,
      currentDate: new Date(nowMs),
    })
    return ok({ payload, stale: found.stale })
  } catch (e) {
    return err(refusal((e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid'))
  }
}

/**
 * A device's session on a company: the realm and the device (a row in that realm's RealmGate, which
 * holds the role). The session ends when the device is removed or the company disconnected.
 */
export const SessionClaims = z.object({ realmId: RealmId, device: DeviceId })
export type SessionClaims = z.infer<typeof SessionClaims>

export function signSession(keys: KeySet, claims: SessionClaims, ttlSeconds: number, nowMs: number): Promise<string> {
  return sign(keys, 'session', claims, ttlSeconds, nowMs)
}

/** A valid session; `stale` when the previous key signed it, `expiresAt` (epoch s) for re-signing it as long. */
export type VerifiedSession = { claims: SessionClaims; stale: boolean; expiresAt: number }

export async function verifySession(
  keys: KeySet,
  token: string | undefined,
  nowMs: number,
): Promise<VerifiedSession | null> {
  if (!token) return null
  const v = await verify(keys, 'session', token, nowMs)
  if (!v.ok) return null
  const parsed = SessionClaims.safeParse(v.value.payload)
  const exp = v.value.payload.exp
  return parsed.success && typeof exp === 'number'
    ? { claims: parsed.data, stale: v.value.stale, expiresAt: exp }
    : null
}

/** What a session held before device sessions: the session's id and the grant it began with. */
export const LegacySessionClaims = z.object({ sid: DeviceId, realmId: RealmId, grant: z.string().min(16) })
export type LegacySessionClaims = z.infer<typeof LegacySessionClaims>

/** A valid session of the earlier shape (see session/legacy.ts), with its expiry (epoch s). */
export async function verifyLegacySession(
  keys: KeySet,
  token: string | undefined,
  nowMs: number,
): Promise<{ claims: LegacySessionClaims; expiresAt: number } | null> {
  if (!token) return null
  const v = await verify(keys, 'session', token, nowMs)
  if (!v.ok) return null
  const parsed = LegacySessionClaims.safeParse(v.value.payload)
  const exp = v.value.payload.exp
  return parsed.success && typeof exp === 'number' ? { claims: parsed.data, expiresAt: exp } : null
}

export const StateClaims = z.object({ stateHash: z.string().min(16), popup: z.boolean() })
export type StateClaims = z.infer<typeof StateClaims>

export function signState(keys: KeySet, claims: StateClaims, ttlSeconds: number, nowMs: number): Promise<string> {
  return sign(keys, 'oauth-state', claims, ttlSeconds, nowMs)
}

export async function verifyState(
  keys: KeySet,
  token: string | undefined,
  nowMs: number,
): Promise<Result<StateClaims, TokenRefusal>> {
  if (!token) return err(refusal('missing'))
  const v = await verify(keys, 'oauth-state', token, nowMs)
  if (!v.ok) return v
  const parsed = StateClaims.safeParse(v.value.payload)
  return parsed.success ? ok(parsed.data) : err(refusal('invalid'))
}
