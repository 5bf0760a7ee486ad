/**
 * The RealmGate's hardening: the daily budget, devices admitted again around a reconnect, a lost
 * refresh answer tried again, and key rotation (old sessions and sealed tokens still work, and are redone).
 */
import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RealmId } from '#shared/ids.ts'
import { DeviceId } from '#shared/api/team.ts'
import { EDGE, addOwner, cookieHeader, cookiesFrom, testConfig } from '../test/helpers.ts'
import { admin, consent, freshCompany, lastSeq, requestLog } from '../test/emulator.ts'
import { keyId } from './crypto/key-id.ts'
import { open, seal } from './crypto/token-box.ts'
import { APP_METER, MeterBuffer } from './gate/app-meter.ts'
import { spend, utcDay } from './gate/budget.ts'
import * as store from './gate/store.ts'
import type { UpstreamCall } from './gate/upstream.ts'
import type { TokenPair } from './intuit/oauth-client.ts'
import { SESSION_COOKIE } from './session/cookies.ts'
import { signSession } from './session/tokens.ts'

const hour = 3600_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const readCustomer = (realmId: string): UpstreamCall => ({
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

async function connected() {
  const realmId = await freshCompany()
  const { jar } = await consent({ decision: 'connect', realmId })
  return { realmId, cookie: cookieHeader(jar) }
}

async function emulatorTokens(realmId: string, accessFor = hour): Promise<TokenPair> {
  const t = await admin<{ access_token: string; refresh_token: string }>('/tokens/connect', {
    method: 'POST',
    body: JSON.stringify({ realmId }),
  })
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessExpiresAt: Date.now() + accessFor,
    refreshExpiresAt: Date.now() + 100 * 24 * hour,
  }
}

const apiCalls = async (realmId: string, since: number) =>
  (await requestLog(since)).filter((e) => e.realmId === realmId && e.path.startsWith('/v3/'))

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('daily budget per company', () => {
  const limits = { readsPerDay: 2, writesPerDay: 1 }
  const noon = Date.UTC(2026, 11, 7, 12)

  it('spends reads and writes apart, refuses at the limit with the time to midnight, and starts again the next day', async () => {
    const gate = env.REALM_GATE.getByName(`budget-${crypto.randomUUID()}`)
    await runInDurableObject(gate, (_gate, state) => {
      const sql = state.storage.sql
      expect(spend(sql, limits, 'read', noon).ok).toBe(true)
      expect(spend(sql, limits, 'write', noon).ok).toBe(true)
      expect(spend(sql, limits, 'read', noon).ok).toBe(true)
      expect(spend(sql, limits, 'read', noon)).toMatchObject({
        ok: false,
        error: { code: 'paced', retryAfterMs: 12 * hour, message: expect.stringContaining('2 QuickBooks reads') },
      })
      expect(spend(sql, limits, 'write', noon + 1)).toMatchObject({ ok: false, error: { code: 'paced' } })
      const tomorrow = Date.UTC(2026, 11, 8, 0, 0, 1)
      expect(spend(sql, limits, 'read', tomorrow).ok).toBe(true)
      expect(spend(sql, limits, 'write', tomorrow).ok).toBe(true)
    })
  })

  it('answers 429 with Retry-After and a plain message once the day is spent, and sends nothing upstream', async () => {
    const { realmId, cookie } = await connected()
    const { readsPerDay } = testConfig().budget
    await runInDurableObject(env.REALM_GATE.getByName(realmId), (_gate, state) => {
      state.storage.sql.exec('UPDATE budget SET reads = ? WHERE day = ?', readsPerDay, utcDay(Date.now()))
    })
    const since = await lastSeq()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(res.status).toBe(429)
    const now = new Date()
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(Math.abs(retryAfter - (midnight - now.getTime()) / 1000)).toBeLessThan(60)
    const body = (await res.json()) as { error: { code: string; message: string; retryAfterMs: number } }
    expect(body.error.code).toBe('paced')
    expect(body.error.message).toMatch(/today's \d+ QuickBooks reads.*after midnight UTC/)
    expect(await apiCalls(realmId, since)).toEqual([])
    // Writes are counted apart: they still go.
    const write = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer?requestid=budget-w1`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ DisplayName: `Budget ${realmId}` }),
    })
    expect(write.status).toBe(200)
  })
})

describe("the app's monthly count of Intuit calls", () => {
  it("adds every company's calls and warns in the log once, when the month passes the threshold", async () => {
    const meter = env.REALM_GATE.getByName(APP_METER)
    const { monthlyCallsWarnAt } = testConfig()
    // A month no other test touches.
    const month = `1999-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${crypto.randomUUID()}`
    const warned = vi.spyOn(console, 'warn')
    expect(await meter.recordAppCalls(month, monthlyCallsWarnAt - 1)).toEqual({
      calls: monthlyCallsWarnAt - 1,
      crossed: false,
    })
    expect(await meter.recordAppCalls(month, 1)).toEqual({ calls: monthlyCallsWarnAt, crossed: true })
    expect(await meter.recordAppCalls(month, 5)).toEqual({ calls: monthlyCallsWarnAt + 5, crossed: false })
    expect(warned.mock.calls.filter(([line]) => String(line).includes('monthly warning level'))).toHaveLength(1)
  })

  it("reports a company's calls to the meter in batches", async () => {
    const reported: number[] = []
    const buffer = new MeterBuffer((n) => reported.push(n), 3, 10_000)
    for (const at of [0, 1, 2, 3, 20_000, 20_001]) buffer.add(at)
    expect(reported).toEqual([3, 2])
  })
})

describe('devices, admitted again just before each send', () => {
  it("sends a device's queued call after a reconnect, and not one of a device removed while it waited", async () => {
    const realmId = await freshCompany()
    const gate = env.REALM_GATE.getByName(realmId)
    const owner = await gate.storeGrant(realmId, await emulatorTokens(realmId))
    const joined = await gate.joinDevice('crew', 'Van 2 tablet')
    if (!joined.ok) throw new Error(joined.error.message)
    const tablet = joined.value.device
    const fresh = await emulatorTokens(realmId)
    // Hold every upstream call until released, so ten fill the gate and the rest queue.
    const realFetch = globalThis.fetch
    let held = 0
    let released = false
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      if (new URL(req.url).pathname.startsWith('/v3/')) {
        held++
        while (!released) await sleep(5)
      }
      return realFetch(req)
    })
    const since = await lastSeq()
    const inFlight = Array.from({ length: 10 }, () => gate.forward(as(owner), readCustomer(realmId)))
    while (held < 10) await sleep(5)
    const ownersQueued = gate.forward(as(owner), readCustomer(realmId))
    const tabletsQueued = gate.forward(as(tablet), readCustomer(realmId))
    await sleep(20)
    // Connecting again (a second owner browser) replaces the tokens, not the devices.
    const second = await gate.storeGrant(realmId, fresh)
    expect(await gate.removeDevice(owner.id, tablet.id)).toMatchObject({ ok: true })
    released = true
    expect(await ownersQueued).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await tabletsQueued).toMatchObject({ ok: false, error: { code: 'device_removed' } })
    await Promise.all(inFlight)
    expect(await apiCalls(realmId, since)).toHaveLength(11)
    expect(await gate.forward(as(second), readCustomer(realmId))).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await gate.status(owner.id)).toMatchObject({ connected: true, deviceCount: 2 })
  })

  it('lets a disconnect that waited out a refresh wipe and revoke the grant a reconnect stored meanwhile', async () => {
    const realmId = await freshCompany()
    const gate = env.REALM_GATE.getByName(realmId)
    // A minute left is inside the refresh margin: the next call refreshes first.
    const owner = await gate.storeGrant(realmId, await emulatorTokens(realmId, 60_000))
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
    const call = gate.forward(as(owner), readCustomer(realmId))
    while (!refreshing) await sleep(5)
    const disconnect = gate.disconnect(owner.id)
    await sleep(20)
    const second = await gate.storeGrant(realmId, fresh)
    released = true
    expect(await disconnect).toMatchObject({ ok: true, value: { revoked: true, deviceCount: 2 } })
    await call
    expect(await gate.status(second.id)).toMatchObject({ connected: false, deviceCount: 0 })
    const tokens = await admin<{ connections: Array<{ realmId: string; revoked: boolean }> }>('/tokens')
    expect(tokens.connections.filter((c) => c.realmId === realmId).every((c) => c.revoked)).toBe(true)
  })
})

describe('a refresh whose answer is lost', () => {
  it('is sent again before anything is given up, and the call goes through', async () => {
    const realmId = await freshCompany()
    const gate = env.REALM_GATE.getByName(realmId)
    const grant = await gate.storeGrant(realmId, await emulatorTokens(realmId, 60_000))
    const realFetch = globalThis.fetch
    let tokenCalls = 0
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input, init)
      if (req.url === String(env.INTUIT_TOKEN_URL) && tokenCalls++ === 0)
        throw new TypeError('Network connection lost.')
      return realFetch(req)
    })
    expect(await gate.forward(as(grant), readCustomer(realmId))).toMatchObject({ ok: true, value: { status: 200 } })
    expect(tokenCalls).toBe(2)
    expect(await gate.status(grant.id)).toMatchObject({ connected: true, needsReconnect: false })
  })
})

describe('key rotation', () => {
  const previousSessionKeys = () => ({ current: testConfig().sessionKeys.previous!, previous: null })

  it('still accepts a session signed under the previous SESSION_SECRET, and signs it again under the current one', async () => {
    const { realmId, cookie } = await connected()
    // The session the connect flow made, signed again as before the rotation.
    const current = cookie
      .split('; ')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
      .slice(SESSION_COOKIE.length + 1)
    const claims = JSON.parse(atob(current.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      device: string
    }
    const old = await signSession(
      previousSessionKeys(),
      { realmId: RealmId.parse(realmId), device: DeviceId.parse(claims.device) },
      3600,
      Date.now(),
    )
    const res = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: `${SESSION_COOKIE}=${old}` } })
    expect(await res.json()).toMatchObject({ connected: true, realmId })
    const renewed = cookiesFrom(res).get(SESSION_COOKIE)!
    const kid = (JSON.parse(atob(renewed.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { kid: string }).kid
    expect(kid).toBe(await keyId(testConfig().sessionKeys.current))
    const again = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: `${SESSION_COOKIE}=${renewed}` } })
    expect(again.headers.getSetCookie()).toEqual([])
    expect(await again.json()).toMatchObject({ connected: true })
  })

  it('still opens tokens sealed under the previous TOKEN_ENCRYPTION_KEY, and seals them again under the current one', async () => {
    const realmId = await freshCompany()
    const tokens = await emulatorTokens(realmId)
    const grantId = `grant-${crypto.randomUUID()}`
    const before = { current: testConfig().tokenKeys.previous!, previous: null }
    const sealed = await seal(before, realmId, JSON.stringify(tokens))
    const gate = env.REALM_GATE.getByName(realmId)
    await runInDurableObject(gate, (_gate, state) => {
      store.writeGrant(
        state.storage.sql,
        realmId,
        grantId,
        { sealed, accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt },
        Date.now(),
      )
    })
    const owner = await addOwner(realmId)
    expect(await gate.forward(as(owner), readCustomer(realmId))).toMatchObject({ ok: true, value: { status: 200 } })
    const stored = await runInDurableObject(
      gate,
      (_gate, state) => store.readConnection(state.storage.sql)!.sealed_tokens!,
    )
    expect(stored).not.toBe(sealed)
    expect(stored.split('.')[1]).toBe(await keyId(testConfig().tokenKeys.current))
    // Opens under the current key alone: the previous key can now be dropped.
    const currentOnly = { current: testConfig().tokenKeys.current, previous: null }
    expect(await open(currentOnly, realmId, stored)).toEqual({ plaintext: JSON.stringify(tokens), stale: false })
  })
})
