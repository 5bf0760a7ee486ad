import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { app } from './app.ts'
import { readConfig } from './env.ts'

describe('configuration', () => {
  it('answers config_missing naming each missing variable', async () => {
    const partial = { REALM_GATE: env.REALM_GATE, INTUIT_CLIENT_ID: 'x', APP_ORIGIN: 'http://127.0.0.1:5173' }
    const res = await app.request('/api/session', {}, partial)
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('config_missing')
    for (const name of ['INTUIT_TOKEN_URL', 'INTUIT_CLIENT_SECRET', 'SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY'])
      expect(body.error.message).toContain(name)
    expect(body.error.message).not.toContain('INTUIT_CLIENT_ID')
  })

  it('answers the connect routes with config_missing through the app, not a JSON body', async () => {
    const partial = { REALM_GATE: env.REALM_GATE, APP_ORIGIN: env.APP_ORIGIN }
    const redirected = await app.request('/auth/intuit/connect', {}, partial)
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe(`${env.APP_ORIGIN}/#/settings?qbo=error&code=config_missing`)

    const popup = await app.request('/auth/intuit/connect?popup=1', {}, partial)
    const page = await popup.text()
    expect(popup.headers.get('content-type')).toMatch(/text\/html/)
    expect(page).toContain('"code":"config_missing"')
    expect(page).toContain(`opener.postMessage(message, ${JSON.stringify(env.APP_ORIGIN)})`)
    expect(page).toContain('SESSION_SECRET')

    const callback = await app.request('/auth/intuit/callback?state=s&code=c&realmId=1', {}, partial)
    expect(await callback.text()).toContain('"code":"config_missing"')
  })

  it('answers the connect routes with a plain page when even APP_ORIGIN is missing', async () => {
    const res = await app.request('/auth/intuit/connect?popup=1', {}, { REALM_GATE: env.REALM_GATE })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const page = await res.text()
    expect(page).toContain('APP_ORIGIN')
    expect(page).not.toContain('<script')
  })

  it('still answers /health without configuration', async () => {
    const res = await app.request('/health', {}, { REALM_GATE: env.REALM_GATE })
    expect(res.status).toBe(200)
  })

  it('applies defaults and the time scale', () => {
    const r = readConfig({ ...env, PACER_TIME_SCALE: '60', QBO_MINOR_VERSION: undefined })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.minorVersion).toBe('75')
    expect(r.value.pacer).toMatchObject({ perWindow: 500, batchPerWindow: 40, maxInFlight: 10, windowMs: 1000 })
    expect(r.value.redirectUri).toBe(`${env.APP_ORIGIN}/auth/intuit/callback`)
  })

  it('treats an empty string as unset and rejects a short secret', () => {
    const r = readConfig({ ...env, INTUIT_API_BASE: '', SESSION_SECRET: 'short' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.missing.sort()).toEqual(['INTUIT_API_BASE', 'SESSION_SECRET'])
    expect(r.error.message).toContain('INTUIT_API_BASE: not set')
    expect(r.error.message).toContain('SESSION_SECRET: must be at least 16 characters')
  })
})
