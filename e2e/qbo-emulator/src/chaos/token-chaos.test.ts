import { afterEach, describe, expect, it } from 'vitest'
import { TokenChaosConfigSchema } from '../config.ts'
import { createClock } from '../clock.ts'
import { realmA } from '../../test-support/stub-companies.ts'
import { api, connect, startWorld, tokenRequest, type TokenBody, type World } from '../../test-support/world.ts'

const day = 86_400_000
let w: World
afterEach(() => w.close())

const refresh = (token: string) => tokenRequest(w, { grant_type: 'refresh_token', refresh_token: token })
const tokenChaos = (body: unknown) =>
  fetch(`${w.url}/__admin/chaos/tokens`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('chaos on the token endpoint', () => {
  it('is off by default, and API chaos never reaches it', async () => {
    w = await startWorld({ chaos: { probability: 1, kinds: ['http500'] } })
    const t = await connect(w)
    expect((await refresh(t.refresh_token)).status).toBe(200)
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(500)
  })

  it('drops the connection after a refresh that rotated: the superseded token is then invalid_grant, with no grace (docs/quickbooks.md §1.6)', async () => {
    w = await startWorld()
    const t = await connect(w)
    w.clock.advance(day) // old enough to rotate on the next refresh
    expect((await tokenChaos({ probability: 1, kinds: ['dropAfterWrite'] })).status).toBe(200)
    await expect(refresh(t.refresh_token)).rejects.toThrow(TypeError)
    expect(w.emu.requestLog.entries().at(-1)).toMatchObject({
      path: '/oauth2/v1/tokens/bearer',
      status: 0,
      chaos: 'dropAfterWrite',
    })
    await tokenChaos({ probability: 0 })
    const retry = await refresh(t.refresh_token)
    expect(retry.status).toBe(400)
    expect((await retry.json()).error).toBe('invalid_grant')
    // The connection itself was not revoked: the new token exists, only the client never received it.
    expect(w.emu.tokens.isConnected('fieldsync-local', realmA)).toBe(true)
  })

  it('drops a refresh that did not rotate without harm: the same token works again', async () => {
    w = await startWorld()
    const t = await connect(w)
    w.clock.advance(3_600_000)
    await tokenChaos({ probability: 1, kinds: ['dropAfterWrite'] })
    await expect(refresh(t.refresh_token)).rejects.toThrow(TypeError)
    await tokenChaos({ probability: 0 })
    const retry = await refresh(t.refresh_token)
    expect(retry.status).toBe(200)
    expect(((await retry.json()) as TokenBody).refresh_token).toBe(t.refresh_token)
  })

  it('answers 500 without applying the grant, so a rotating refresh can simply be retried', async () => {
    w = await startWorld()
    const t = await connect(w)
    w.clock.advance(day)
    await tokenChaos({ probability: 1, kinds: ['http500'] })
    const failed = await refresh(t.refresh_token)
    expect([failed.status, await failed.json()]).toEqual([500, { error: 'server_error' }])
    await tokenChaos({ probability: 0 })
    const retry = await refresh(t.refresh_token)
    expect(retry.status).toBe(200)
    expect(((await retry.json()) as TokenBody).refresh_token).not.toBe(t.refresh_token)
  })

  it('is reported and validated by the admin API; the seed replays the same faults', async () => {
    w = await startWorld()
    const t = await connect(w)
    expect((await tokenChaos({ kinds: ['throttle429'] })).status).toBe(400) // Intuit documents no 429 here
    const statuses = async () => {
      await tokenChaos({ probability: 0.5, seed: 9, kinds: ['http500', 'http503'] })
      const out: number[] = []
      for (let i = 0; i < 20; i++) out.push((await refresh(t.refresh_token)).status)
      return out
    }
    const first = await statuses()
    expect(await statuses()).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 500, 503]))
    expect(await (await fetch(`${w.url}/__admin/chaos/tokens`)).json()).toMatchObject({
      probability: 0.5,
      seed: 9,
      kinds: ['http500', 'http503'],
    })
  })
})

describe('chaos stalls', () => {
  it('last 130 s of emulator time by default, on the API and the token endpoint alike, at any time scale', async () => {
    const stalls: number[] = []
    const delay = async (ms: number) => {
      stalls.push(ms)
    }
    w = await startWorld({ clock: createClock({ timeScale: 60 }), delay })
    const t = await connect(w)
    w.emu.chaos.configure({ probability: 1, seed: 1, kinds: ['stall'], stallEmulatorMs: 130_000 })
    w.emu.tokenChaos.configure(TokenChaosConfigSchema.parse({ probability: 1, kinds: ['stall'] }))
    expect((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
    expect((await refresh(t.refresh_token)).status).toBe(200)
    expect(stalls).toEqual([130_000 / 60, 130_000 / 60])
    // Real ms given explicitly still win, for callers that converted by hand.
    w.emu.chaos.configure({ probability: 1, seed: 1, kinds: ['stall'], stallEmulatorMs: 130_000, stallMs: 4000 })
    await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)
    expect(stalls.at(-1)).toBe(4000)
  })
})
