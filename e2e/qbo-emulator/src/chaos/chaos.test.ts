import { afterEach, describe, expect, it } from 'vitest'
import { ChaosConfigSchema } from '../config.ts'
import { createEmulator } from '../app.ts'
import { createManualClock } from '../clock.ts'
import { createChaos } from './chaos-policy.ts'
import { realmA, realmB, stubCompanies } from '../../test-support/stub-companies.ts'
import { api, connect, startWorld, type World } from '../../test-support/world.ts'

const cfg = (p: Partial<ReturnType<typeof ChaosConfigSchema.parse>>) => ChaosConfigSchema.parse(p)

describe('chaos policy', () => {
  const run = (seed: number, n = 1000, realmId = realmA) => {
    const chaos = createChaos(cfg({ probability: 0.1, seed }))
    return Array.from({ length: n }, (_, i) => chaos.decide(realmId, { write: i % 2 === 0 }))
  }

  it('is off by default', () => {
    const chaos = createChaos()
    expect(Array.from({ length: 100 }, () => chaos.decide(realmA, { write: true })).every((d) => d === null)).toBe(true)
  })

  it('gives the same faults for the same seed and request sequence, and different ones for another seed', () => {
    expect(run(7)).toEqual(run(7))
    expect(run(7)).not.toEqual(run(8))
    expect(run(7, 1000, realmA)).not.toEqual(run(7, 1000, realmB))
  })

  it('strikes at about the configured rate and uses every kind', () => {
    const faults = run(7, 10_000).filter((d) => d !== null)
    expect(faults.length).toBeGreaterThan(900)
    expect(faults.length).toBeLessThan(1100)
    expect(new Set(faults)).toEqual(new Set(['http500', 'http503', 'throttle429', 'stall', 'dropAfterWrite']))
  })

  it('never drops the connection of a read, since there is no write to lose', () => {
    const chaos = createChaos(cfg({ probability: 1, kinds: ['dropAfterWrite'] }))
    expect(chaos.decide(realmA, { write: false })).toBeNull()
    expect(chaos.decide(realmA, { write: true })).toBe('dropAfterWrite')
  })

  it("restarts a realm's stream from its seed when reconfigured", () => {
    const chaos = createChaos(cfg({ probability: 0.5, seed: 3 }))
    const first = Array.from({ length: 50 }, () => chaos.decide(realmA, { write: true }))
    chaos.configure(cfg({ probability: 0.5, seed: 3 }))
    expect(Array.from({ length: 50 }, () => chaos.decide(realmA, { write: true }))).toEqual(first)
  })
})

describe('chaos over HTTP', () => {
  let w: World
  afterEach(() => w.close())
  const createCustomer = (token: string, realmId = realmA) =>
    api(w, token, `/v3/company/${realmId}/customer?requestid=r-1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"DisplayName":"Ada"}',
    })

  it('applies the write, then resets the connection before answering', async () => {
    w = await startWorld({ chaos: { probability: 1, kinds: ['dropAfterWrite'] } })
    const t = await connect(w)
    await expect(createCustomer(t.access_token)).rejects.toThrow(TypeError)
    expect(w.stub.writes).toHaveLength(1)
    const log = w.emu.requestLog.entries({ realmId: realmA })
    expect(log.at(-1)).toMatchObject({ method: 'POST', status: 0, chaos: 'dropAfterWrite', requestId: 'r-1' })
  })

  it('answers 500 SystemFault, a non-JSON 503 and 429 ThrottleExceeded without touching the data', async () => {
    const seen = new Map<number, string>()
    for (const kind of ['http500', 'http503', 'throttle429'] as const) {
      w = await startWorld({ chaos: { probability: 1, kinds: [kind] } })
      const t = await connect(w)
      const res = await createCustomer(t.access_token)
      seen.set(res.status, await res.text())
      expect(w.stub.writes).toHaveLength(0)
      await w.close()
    }
    w = await startWorld()
    expect(JSON.parse(seen.get(500)!).Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] })
    expect(seen.get(503)).toContain('Service Unavailable')
    expect(JSON.parse(seen.get(429)!).fault.error[0].code).toBe('3001')
  })

  it('stalls a request for the configured time and then processes it', async () => {
    const stalls: { ms: number; release: () => void }[] = []
    let stalled!: () => void
    const firstStall = new Promise<void>((r) => (stalled = r))
    const delay = (ms: number) =>
      new Promise<void>((release) => {
        stalls.push({ ms, release })
        stalled()
      })
    w = await startWorld({ chaos: { probability: 1, kinds: ['stall'], stallMs: 130_000 }, delay })
    const t = await connect(w)
    const pending = createCustomer(t.access_token)
    await firstStall
    expect(stalls.map((s) => s.ms)).toEqual([130_000])
    expect(w.stub.writes).toHaveLength(0)
    stalls[0]!.release()
    expect((await pending).status).toBe(200)
    expect(w.stub.writes).toHaveLength(1)
  })

  it('releases a stall as soon as the client gives up, and still applies the write', async () => {
    w = await startWorld({ chaos: { probability: 1, kinds: ['stall'], stallMs: 3_600_000 } })
    const t = await connect(w)
    const client = new AbortController()
    let stalled!: () => void
    const written = new Promise<void>((r) => (stalled = r))
    w.emu.companies.onChange(() => stalled())
    const call = api(w, t.access_token, `/v3/company/${realmA}/customer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      signal: client.signal,
    })
    // Give up once the emulator holds the request (it is in flight: one slot taken).
    while (w.emu.limiter.inFlight(realmA, 'fieldsync-local') === 0) await new Promise((r) => setImmediate(r))
    client.abort()
    await expect(call).rejects.toThrow()
    await written // a stall of an hour ended with the client, and the write went through
    expect(w.stub.writes).toHaveLength(1)
  })

  it('replays the same faults for the same seed across two runs', async () => {
    const trace = async () => {
      w = await startWorld({ chaos: { probability: 0.3, seed: 7, kinds: ['http500', 'http503', 'throttle429'] } })
      const t = await connect(w)
      const out: number[] = []
      for (let i = 0; i < 60; i++) out.push((await api(w, t.access_token, `/v3/company/${realmA}/customer/1`)).status)
      await w.close()
      return out
    }
    const a = await trace()
    const b = await trace()
    w = await startWorld()
    expect(a).toEqual(b)
    expect(a.some((s) => s !== 200)).toBe(true)
  })

  it('is configured per company through the admin API', async () => {
    w = await startWorld()
    const a = await connect(w, realmA)
    const b = await connect(w, realmB)
    const res = await fetch(`${w.url}/__admin/companies/${realmA}/chaos`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ probability: 1, kinds: ['http503'] }),
    })
    expect(res.status).toBe(200)
    expect((await api(w, a.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(503)
    expect((await api(w, b.access_token, `/v3/company/${realmB}/customer/1`)).status).toBe(200)
    await fetch(`${w.url}/__admin/companies/${realmA}/chaos`, { method: 'DELETE' })
    expect((await api(w, a.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
  })
})

describe('chaos in-process', () => {
  it('rejects app.request with the TypeError fetch throws for a reset connection, after the write', async () => {
    const stub = stubCompanies()
    const emu = createEmulator({
      companies: stub,
      clock: createManualClock(),
      chaos: { probability: 1, kinds: ['dropAfterWrite'] },
    })
    const t = emu.tokens.connect({
      clientId: 'fieldsync-local',
      realmId: realmA,
      scopes: ['com.intuit.quickbooks.accounting'],
    })
    const call = emu.app.request(`/v3/company/${realmA}/customer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.accessToken}`, 'Content-Type': 'application/json' },
      body: '{"DisplayName":"Ada"}',
    })
    await expect(call).rejects.toThrow('fetch failed')
    expect(stub.writes).toHaveLength(1)
  })
})
