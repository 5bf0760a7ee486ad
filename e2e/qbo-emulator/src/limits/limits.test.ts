import { afterEach, describe, expect, it } from 'vitest'
import { createClock } from '../clock.ts'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import { api, connect, startWorld, type World } from '../../test-support/world.ts'

// Intuit's limits at a time scale of 60: a window is one real second, driven by a stepped real-time
// source so nothing here depends on how fast the machine is. Tests of 500 real HTTP calls get a time budget that
// a loaded shared machine can meet.
let real = 0
const scaledClock = () => createClock({ timeScale: 60, realNow: () => real, start: Date.UTC(2025, 2, 1) })

let w: World
afterEach(() => w.close())

const read = (token: string, realmId = realmA) => api(w, token, `/v3/company/${realmId}/customer/1`)
const batch = (token: string) =>
  api(w, token, `/v3/company/${realmA}/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"BatchItemRequest":[]}',
  })
const statuses = async (n: number, send: () => Promise<Response>) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await send()).status)
  return out
}

describe('requests per minute (500 per realm and app, sliding)', () => {
  it("refuses the 501st request within a minute with Intuit's 429 ThrottleExceeded, then lets requests through as the window slides", async () => {
    w = await startWorld({ clock: scaledClock() })
    const t = await connect(w)
    expect(new Set(await statuses(250, () => read(t.access_token)))).toEqual(new Set([200]))
    real += 500 // half an Intuit minute
    expect(new Set(await statuses(250, () => read(t.access_token)))).toEqual(new Set([200]))
    const refused = await read(t.access_token)
    expect(refused.status).toBe(429)
    const body = await refused.json()
    expect(body.fault).toMatchObject({
      type: 'SERVICE',
      error: [{ code: '3001', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' }],
    })
    real += 500 // the first 250 leave the window
    expect(new Set(await statuses(250, () => read(t.access_token)))).toEqual(new Set([200]))
    expect((await read(t.access_token)).status).toBe(429)
  }, 30_000)

  it('counts each company separately', async () => {
    w = await startWorld({ clock: scaledClock(), limits: { requestsPerWindow: 3 } })
    const a = await connect(w, realmA)
    const b = await connect(w, realmB)
    expect(await statuses(4, () => read(a.access_token, realmA))).toEqual([200, 200, 200, 429])
    expect(await statuses(3, () => read(b.access_token, realmB))).toEqual([200, 200, 200])
  })

  it('can answer the throttle in XML, as Intuit often does', async () => {
    w = await startWorld({ clock: scaledClock(), limits: { requestsPerWindow: 1, throttleFormat: 'xml' } })
    const t = await connect(w)
    await read(t.access_token)
    const res = await read(t.access_token)
    expect(res.status).toBe(429)
    expect(await res.text()).toContain('<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>')
  })
})

describe('requests per second (optional)', () => {
  it('when set, refuses the 11th request within an emulator second', async () => {
    w = await startWorld({ clock: scaledClock(), limits: { requestsPerSecond: 10 } })
    const t = await connect(w)
    expect(await statuses(11, () => read(t.access_token))).toEqual([...Array(10).fill(200), 429])
    real += 17 // just over one emulator second at a time scale of 60
    expect((await read(t.access_token)).status).toBe(200)
  })
})

describe('concurrent requests (10 per realm and app)', () => {
  it('refuses the 11th request while 10 are in flight, and accepts again once they finish', async () => {
    w = await startWorld({ clock: scaledClock() })
    const t = await connect(w)
    let open!: () => void
    w.stub.gate = new Promise<void>((r) => (open = r))
    const held = Array.from({ length: 10 }, () => read(t.access_token))
    await w.stub.waitingReached(10)
    const eleventh = await read(t.access_token)
    expect(eleventh.status).toBe(429)
    expect((await eleventh.json()).fault.error[0].code).toBe('3001')
    // Another company is not held back by this one.
    const b = await connect(w, realmB)
    w.stub.gate = null
    expect((await read(b.access_token, realmB)).status).toBe(200)
    open()
    expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(10).fill(200))
    expect((await read(t.access_token)).status).toBe(200)
  })
})

describe('batch calls (40 per minute, each also a request)', () => {
  it('refuses the 41st batch in a minute while plain requests still pass', async () => {
    w = await startWorld({ clock: scaledClock() })
    const t = await connect(w)
    expect(new Set(await statuses(40, () => batch(t.access_token)))).toEqual(new Set([200]))
    expect((await batch(t.access_token)).status).toBe(429)
    expect((await read(t.access_token)).status).toBe(200)
    real += 1000
    expect((await batch(t.access_token)).status).toBe(200)
  })

  it('counts batch calls against the 500 requests too', async () => {
    w = await startWorld({ clock: scaledClock() })
    const t = await connect(w)
    await statuses(40, () => batch(t.access_token))
    expect(new Set(await statuses(460, () => read(t.access_token)))).toEqual(new Set([200]))
    expect((await read(t.access_token)).status).toBe(429)
  }, 30_000)
})

describe('limits are configurable at run time', () => {
  it('takes new limits for all companies or one through the admin API', async () => {
    w = await startWorld({ clock: scaledClock() })
    const t = await connect(w)
    const put = (path: string, body: unknown) =>
      fetch(`${w.url}/__admin${path}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await put(`/companies/${realmA}/limits`, { requestsPerWindow: 2 })).status).toBe(200)
    expect(await statuses(3, () => read(t.access_token))).toEqual([200, 200, 429])
    expect((await put('/limits', { requestsPerWindow: 'many' })).status).toBe(400)
  })
})
