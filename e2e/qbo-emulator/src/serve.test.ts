import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
    const form = new URLSearchParams({ client_id: 'fieldsync-local', redirect_uri: 'http://127.0.0.1:5173/auth/intuit/callback', scope: 'com.intuit.quickbooks.accounting', state: 's', response_type: 'code', realmId, decision: 'connect' })
    const back = new URL((await fetch(`${emu.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location')!)
    const tokens = await (
      await fetch(`${emu.url}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: { Authorization: `Basic ${btoa('fieldsync-local:fieldsync-local-secret')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1:5173/auth/intuit/callback' }),
      })
    ).json()
    const info = await fetch(`${emu.url}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, { headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' } })
    expect(info.status).toBe(200)
    expect((await info.json()).CompanyInfo.CompanyName).toBe(companies[0]!.companyName)
  })
})

describe('the emulator command', () => {
  it('binds 127.0.0.1 and prints its base URL', async () => {
    const child = spawn(process.execPath, ['e2e/qbo-emulator/src/serve.ts', '--port', '0', '--seed', 'none'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString()
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
          if (m) resolve(m[1]!)
        })
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)))
      })
      expect((await fetch(`${url}/health`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
