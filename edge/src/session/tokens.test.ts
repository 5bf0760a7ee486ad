import { describe, expect, it } from 'vitest'
import { signSession, signState, verifySession, verifyState } from './tokens.ts'
import { RealmId } from '#shared/ids.ts'
import { DeviceId } from '#shared/api/team.ts'
import type { KeySet } from '../env.ts'

const keyA = new Uint8Array(32).fill(1)
const keyB = new Uint8Array(32).fill(2)
const keys: KeySet = { current: keyA, previous: null }
const now = Date.UTC(2026, 0, 1)
const claims = { realmId: RealmId.parse('9130'), device: DeviceId.parse('device-id-0123456789') }

describe('session tokens', () => {
  it('round-trip the session and its realm', async () => {
    const token = await signSession(keys, claims, 60, now)
    expect(await verifySession(keys, token, now + 59_000)).toEqual({
      claims,
      stale: false,
      expiresAt: Math.floor(now / 1000) + 60,
    })
  })

  it('expire', async () => {
    const token = await signSession(keys, claims, 60, now)
    expect(await verifySession(keys, token, now + 61_000)).toBeNull()
  })

  it('refuse another key, a changed payload and a state token', async () => {
    const token = await signSession(keys, claims, 60, now)
    expect(await verifySession({ current: keyB, previous: null }, token, now)).toBeNull()
    const [h, p, s] = token.split('.')
    const forged = btoa(
      JSON.stringify({ ...JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/'))), realmId: '4620' }),
    ).replace(/=+$/, '')
    expect(await verifySession(keys, `${h}.${forged}.${s}`, now)).toBeNull()
    const state = await signState(keys, { stateHash: 'x'.repeat(43), popup: false }, 60, now)
    expect(await verifySession(keys, state, now)).toBeNull()
  })

  it('after a rotation still accept the previous key, as stale, until it is dropped', async () => {
    const old = await signSession(keys, claims, 60, now)
    const rotated: KeySet = { current: keyB, previous: keyA }
    expect(await verifySession(rotated, old, now)).toMatchObject({ claims, stale: true })
    const resigned = await signSession(rotated, claims, 60, now)
    expect(await verifySession(rotated, resigned, now)).toMatchObject({ claims, stale: false })
    expect(await verifySession({ current: keyB, previous: null }, old, now)).toBeNull()
  })

  it('name their key in the header, never the key itself', async () => {
    const token = await signSession(keys, claims, 60, now)
    const header = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { kid: string }
    expect(header.kid).toMatch(/^[A-Za-z0-9_-]{12}$/)
  })
})

describe('state tokens', () => {
  it('say why they fail: missing, expired or invalid', async () => {
    const token = await signState(keys, { stateHash: 'x'.repeat(43), popup: true }, 600, now)
    expect(await verifyState(keys, token, now)).toEqual({
      ok: true,
      value: { stateHash: 'x'.repeat(43), popup: true },
    })
    expect(await verifyState(keys, undefined, now)).toMatchObject({ ok: false, error: { kind: 'missing' } })
    expect(await verifyState(keys, token, now + 601_000)).toMatchObject({ ok: false, error: { kind: 'expired' } })
    expect(await verifyState(keys, `${token}x`, now)).toMatchObject({ ok: false, error: { kind: 'invalid' } })
  })
})
