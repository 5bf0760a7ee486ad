import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EDGE, addOwner, freshRealm, sessionCookieFor, testConfig } from '../test/helpers.ts'
import { admin, freshCompany } from '../test/emulator.ts'
import { open, seal } from './crypto/token-box.ts'
import type { KeySet } from './env.ts'
import * as store from './gate/store.ts'
import type { UpstreamCall } from './gate/upstream.ts'
import type { TokenPair } from './intuit/oauth-client.ts'

const hour = 3600_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const preferences = (realmId: string): UpstreamCall => ({
  realmId,
  method: 'GET',
  path: 'customer/1',
  params: [],
  body: null,
  kind: 'call',
})
/** A caller of one device; the pacer's fairness is per device. */
const as = (device: string | { id: string }) => ({
  device: typeof device === 'string' ? device : device.id,
  permission: 'records' as const,
})

/**
 * Writes a grant straight into the gate's table, as an earlier run of the Worker left it: the
 * instance has not opened it yet. `key` are the TOKEN_ENCRYPTION_KEYs it was sealed under.
 */
async function leftInStorage(
  realmId: string,
  tokens: TokenPair,
  keys: KeySet = testConfig().tokenKeys,
): Promise<string> {
  const grantId = `grant-${crypto.randomUUID()}`
  const sealed = await seal(keys, realmId, JSON.stringify(tokens))
  await runInDurableObject(env.REALM_GATE.getByName(realmId), (_gate, state) => {
    store.writeGrant(
      state.storage.sql,
      realmId,
      grantId,
      { sealed, accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt },
      Date.now(),
    )
  })
  return addOwner(realmId)
}

async function emulatorTokens(realmId: string): Promise<TokenPair> {
  const t = await admin<{ access_token: string; refresh_token: string }>('/tokens/connect', {
    method: 'POST',
    body: JSON.stringify({ realmId }),
  })
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessExpiresAt: Date.now() + hour,
    refreshExpiresAt: Date.now() + 100 * 24 * hour,
  }
}

const sessionOf = async (realmId: string, device: string) =>
  (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: await sessionCookieFor(realmId, device) } })).json()

describe('RealmGate loading its stored grant', () => {
  afterEach(() => vi.restoreAllMocks())

  it('keeps a grant stored while the older stored pair was still being opened', async () => {
    const realmId = await freshCompany()
    // A pair Intuit no longer honours: used after the reconnect, it would cost the new grant its connection.
    const stale = {
      accessToken: 'stale-access-token-of-the-grant-before',
      refreshToken: 'stale-refresh-token',
      accessExpiresAt: Date.now() + hour,
      refreshExpiresAt: Date.now() + 24 * hour,
    }
    const oldGrant = await leftInStorage(realmId, stale)
    const gate = env.REALM_GATE.getByName(realmId)

    const fresh = await emulatorTokens(realmId)
    // Hold the gate's first decryption until the reconnect below has stored its pair. Flags and
    // timers, not shared promises: a promise settled by the test would carry the test's I/O context
    // into the Durable Object's code.
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle)
    let opening = false
    let released = false
    vi.spyOn(crypto.subtle, 'decrypt').mockImplementation(async (...args) => {
      opening = true
      while (!released) await sleep(5)
      return decrypt(...args)
    })
    const inFlight = gate.forward(as(oldGrant), preferences(realmId))
    while (!opening) await sleep(5)
    const newGrant = await gate.storeGrant(realmId, fresh)
    released = true
    await inFlight

    const after = await gate.forward(as(newGrant), preferences(realmId))
    expect(after).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await gate.status(newGrant.id)).toMatchObject({ connected: true, needsReconnect: false })
  })

  it('does not let a refresh that was in flight during a reconnect replace the new grant', async () => {
    const realmId = await freshCompany()
    const gate = env.REALM_GATE.getByName(realmId)
    // A minute left is inside the refresh margin: the next call refreshes first.
    const before = { ...(await emulatorTokens(realmId)), accessExpiresAt: Date.now() + 60_000 }
    const oldGrant = await gate.storeGrant(realmId, before)
    const fresh = await emulatorTokens(realmId)
    const realFetch = globalThis.fetch
    let refreshing = false
    let released = false
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      if (req.url === String(env.INTUIT_TOKEN_URL)) {
        refreshing = true
        while (!released) await sleep(5)
      }
      return realFetch(req)
    })
    const inFlight = gate.forward(as(oldGrant), preferences(realmId))
    while (!refreshing) await sleep(5)
    const newGrant = await gate.storeGrant(realmId, fresh)
    released = true
    // The refresh's outcome is dropped; the device's call goes with the new grant's token.
    expect(await inFlight).toMatchObject({ ok: true, value: { status: 200 } })

    const stored = await runInDurableObject(gate, async (_gate, state) => {
      const row = store.readConnection(state.storage.sql)!
      return JSON.parse((await open(testConfig().tokenKeys, realmId, row.sealed_tokens!))!.plaintext) as TokenPair
    })
    expect(stored.refreshToken).toBe(fresh.refreshToken)
    expect(await gate.forward(as(newGrant), preferences(realmId))).toMatchObject({ ok: true, value: { status: 200 } })
  })

  it('opens the stored pair once for concurrent first callers', async () => {
    const realmId = await freshCompany()
    const grant = await leftInStorage(realmId, await emulatorTokens(realmId))
    const original = crypto.subtle.decrypt.bind(crypto.subtle)
    // Slow enough that every caller arrives while the first is still opening the pair.
    const decrypt = vi
      .spyOn(crypto.subtle, 'decrypt')
      .mockImplementation(async (...args) => (await sleep(30), original(...args)))
    const gate = env.REALM_GATE.getByName(realmId)
    const results = await Promise.all(Array.from({ length: 5 }, () => gate.forward(as(grant), preferences(realmId))))
    expect(results.map((r) => r.ok && r.value.status)).toEqual([200, 200, 200, 200, 200])
    expect(decrypt).toHaveBeenCalledTimes(1)
  })
})

describe('RealmGate reporting a connection only a reconnect can revive', () => {
  it('says needsReconnect once the refresh token is past its expiry', async () => {
    const realmId = freshRealm()
    const gate = env.REALM_GATE.getByName(realmId)
    const grant = await gate.storeGrant(realmId, {
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: Date.now() - hour,
      refreshExpiresAt: Date.now() - 1000,
    })
    expect(await gate.status(grant.id)).toMatchObject({ connected: true, needsReconnect: true })
    expect(await sessionOf(realmId, grant.id)).toMatchObject({ connected: true, needsReconnect: true })
  })

  it('says needsReconnect and refuses calls when the stored pair no longer opens (key rotated)', async () => {
    const realmId = freshRealm()
    const tokens = {
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: Date.now() + hour,
      refreshExpiresAt: Date.now() + 24 * hour,
    }
    const grant = await leftInStorage(realmId, tokens, { current: new Uint8Array(32).fill(7), previous: null })
    const gate = env.REALM_GATE.getByName(realmId)
    expect(await gate.status(grant)).toMatchObject({ connected: true, needsReconnect: true })
    expect(await sessionOf(realmId, grant)).toMatchObject({ connected: true, needsReconnect: true })
    expect(await gate.forward(as(grant), preferences(realmId))).toMatchObject({
      ok: false,
      error: { code: 'needs_reconnect' },
    })
  })

  it('still says connected for a live grant', async () => {
    const realmId = freshRealm()
    const gate = env.REALM_GATE.getByName(realmId)
    const grant = await gate.storeGrant(realmId, {
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: Date.now() + hour,
      refreshExpiresAt: Date.now() + 24 * hour,
    })
    expect(await sessionOf(realmId, grant.id)).toMatchObject({ connected: true, needsReconnect: false })
  })
})
