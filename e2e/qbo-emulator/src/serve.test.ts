import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChaos } from './chaos/chaos-policy.ts'
import { ChaosConfigSchema } from './config.ts'
import { LARGE_REALM_ID } from './seeds/large.ts'
import { SMALL_REALM_ID } from './seeds/small.ts'
import { startEmulator, type RunningEmulator } from './serve.ts'

describe('startEmulator with the small company', () => {
  let emu: RunningEmulator
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 'small', timeScale: 60 })
  })
  afterAll(() => emu.close())

  it('serves /health on 127.0.0.1 at the URL it reports', async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await (await fetch(`${emu.url}/health`)).json()).toMatchObject({ ok: true })
  })

  it('offers every seeded company on the consent page and serves its data to a connected app', async () => {
    const companies = emu.emulator.companies.list()
    expect(companies.length).toBeGreaterThanOrEqual(2)
    const page = await (
      await fetch(
        `${emu.url}/connect/oauth2?client_id=fieldsync-local&response_type=code&scope=com.intuit.quickbooks.accounting&state=s&redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/auth/intuit/callback')}`,
      )
    ).text()
    for (const c of companies) expect(page).toContain(c.realmId)
    const realmId = companies[0]!.realmId
    const form = new URLSearchParams({
      client_id: 'fieldsync-local',
      redirect_uri: 'http://127.0.0.1:5173/auth/intuit/callback',
      scope: 'com.intuit.quickbooks.accounting',
      state: 's',
      response_type: 'code',
      realmId,
      decision: 'connect',
    })
    const back = new URL(
      (await fetch(`${emu.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })).headers.get(
        'location',
      )!,
    )
    const tokens = await (
      await fetch(`${emu.url}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${btoa('fieldsync-local:fieldsync-local-secret')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: back.searchParams.get('code')!,
          redirect_uri: 'http://127.0.0.1:5173/auth/intuit/callback',
        }),
      })
    ).json()
    const info = await fetch(`${emu.url}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' },
    })
    expect(info.status).toBe(200)
    expect((await info.json()).CompanyInfo.CompanyName).toBe(companies[0]!.companyName)
  })
})

/** Runs the command as `npm run emulator` does; resolves once it prints its base URL. */
async function spawnEmulator(
  args: string[],
): Promise<{ url: string; printed: (text: string) => Promise<void>; child: ChildProcess }> {
  const child = spawn(process.execPath, ['e2e/qbo-emulator/src/serve.ts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString()
  })
  /** Resolves once the output holds `text` (the lines arrive in chunks). */
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!out.includes(text)) return
        child.stdout!.off('data', check)
        resolve()
      }
      child.stdout!.on('data', check)
      child.once('exit', (code) =>
        reject(new Error(`exited with ${code} before printing ${JSON.stringify(text)}: ${out}`)),
      )
      check()
    })
  await printed('listening on ')
  await printed('\n')
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)?.[1]
  if (url === undefined) throw new Error(`no base URL in: ${out}`)
  return { url, printed, child }
}

async function connectOver(
  url: string,
  realmId: string,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const t = (await (
    await fetch(`${url}/__admin/tokens/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ realmId }),
    })
  ).json()) as { access_token: string }
  return (path, init = {}) =>
    fetch(`${url}/v3/company/${realmId}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${t.access_token}`, Accept: 'application/json' },
    })
}

describe('the emulator command', () => {
  it('binds 127.0.0.1 and prints its base URL', async () => {
    const { url, child } = await spawnEmulator(['--seed', 'none'])
    try {
      expect((await fetch(`${url}/health`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('--seed large --time-scale 60: serves the 10,000-customer company on a clock running 60 times real time', async () => {
    const { url, printed, child } = await spawnEmulator(['--seed', 'large', '--time-scale', '60'])
    try {
      await printed(`companies: Bigtown Mechanical Services (${LARGE_REALM_ID})`)
      await printed('time scale: 60× (an Intuit minute every 1.00 s)')
      const call = await connectOver(url, LARGE_REALM_ID)
      const count = async (q: string) =>
        (
          (await (await call(`/query?query=${encodeURIComponent(q)}&minorversion=75`)).json()) as {
            QueryResponse: { totalCount: number }
          }
        ).QueryResponse.totalCount
      expect(await count('SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)')).toBe(10_000)
      expect(await count('SELECT COUNT(*) FROM Invoice')).toBe(10_000)
      const clock = async () =>
        (await (await fetch(`${url}/__admin/clock`)).json()) as { now: number; timeScale: number }
      const r0 = performance.now()
      const e0 = await clock()
      await new Promise((r) => setTimeout(r, 300)) // real time must pass to be scaled
      const e1 = await clock()
      const real = performance.now() - r0
      expect(e0.timeScale).toBe(60)
      expect(e1.now - e0.now).toBeGreaterThan(60 * 250)
      expect(e1.now - e0.now).toBeLessThanOrEqual(60 * (real + 2))
    } finally {
      child.kill('SIGTERM')
    }
  }, 90_000)

  it('--chaos 0.1 --chaos-seed 7: strikes exactly the calls the seeded policy picks', async () => {
    const { url, printed, child } = await spawnEmulator(['--seed', 'small', '--chaos', '0.1', '--chaos-seed', '7'])
    try {
      await printed('chaos: 0.1 with seed 7')
      expect(await (await fetch(`${url}/__admin/chaos`)).json()).toMatchObject({
        default: { probability: 0.1, seed: 7 },
      })
      const call = await connectOver(url, SMALL_REALM_ID)
      const policy = createChaos(ChaosConfigSchema.parse({ probability: 0.1, seed: 7 }))
      const expected: string[] = []
      const seen: string[] = []
      for (let i = 0; i < 80; i++) {
        const kind = policy.decide(SMALL_REALM_ID, { write: false })
        expected.push(kind ?? 'ok')
        // A stall holds the answer for 130 s: give up quickly, as a client with a timeout would.
        const res = await call(
          '/customer/1?minorversion=75',
          kind === 'stall' ? { signal: AbortSignal.timeout(300) } : {},
        ).catch(() => null)
        const status =
          res === null
            ? 'stall'
            : (({ 200: 'ok', 500: 'http500', 503: 'http503', 429: 'throttle429' } as Record<number, string>)[
                res.status
              ] ?? String(res.status))
        await res?.arrayBuffer()
        seen.push(status)
      }
      expect(seen).toEqual(expected)
      expect(new Set(seen).size).toBeGreaterThan(2)
      expect(seen.filter((s) => s !== 'ok').length).toBeLessThan(20)
    } finally {
      child.kill('SIGTERM')
    }
  }, 30_000)
})
