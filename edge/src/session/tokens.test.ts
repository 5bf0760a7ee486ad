import { describe, expect, it } from 'vitest'
import { signSession, signState, verifySession, verifyState } from './tokens.ts'
import { isSecureOrigin } from './cookies.ts'
import { RealmId } from '#shared/ids.ts'

const secret = 'a-test-secret-of-enough-length'
const now = Date.UTC(2026, 0, 1)
const claims = { sid: 'session-id-0123456789', realmId: RealmId.parse('9130'), grant: 'grant-id-0123456789' }

describe('session tokens', () => {
  it('round-trip the session and its realm', async () => {
    const token = await signSession(secret, claims, 60, now)
    expect(await verifySession(secret, token, now + 59_000)).toEqual(claims)
  })

  it('expire', async () => {
    const token = await signSession(secret, claims, 60, now)
    expect(await verifySession(secret, token, now + 61_000)).toBeNull()
  })

  it('refuse another secret, a changed payload and a state token', async () => {
    const token = await signSession(secret, claims, 60, now)
    expect(await verifySession('another-secret-of-enough-length', token, now)).toBeNull()
    const [h, p, s] = token.split('.')
    const forged = btoa(
      JSON.stringify({ ...JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/'))), realmId: '4620' }),
    ).replace(/=+$/, '')
    expect(await verifySession(secret, `${h}.${forged}.${s}`, now)).toBeNull()
    const state = await signState(secret, { stateHash: 'x'.repeat(43), popup: false }, 60, now)
    expect(await verifySession(secret, state, now)).toBeNull()
  })
})

describe('state tokens', () => {
  it('say why they fail: missing, expired or invalid', async () => {
    const token = await signState(secret, { stateHash: 'x'.repeat(43), popup: true }, 600, now)
    expect(await verifyState(secret, token, now)).toEqual({
      ok: true,
      value: { stateHash: 'x'.repeat(43), popup: true },
    })
    expect(await verifyState(secret, undefined, now)).toMatchObject({ ok: false, error: { kind: 'missing' } })
    expect(await verifyState(secret, token, now + 601_000)).toMatchObject({ ok: false, error: { kind: 'expired' } })
    expect(await verifyState(secret, `${token}x`, now)).toMatchObject({ ok: false, error: { kind: 'invalid' } })
  })
})

describe('cookie security', () => {
  it.each([
    ['http://127.0.0.1:5173', false],
    ['http://localhost:5173', false],
    ['https://app.fieldsync.test', true],
    ['http://app.fieldsync.test', true],
  ])('%s → Secure %s', (origin, secure) => {
    expect(isSecureOrigin(origin)).toBe(secure)
  })
})
