import { env } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { app } from './app.ts'
import { readConfig } from './env.ts'

describe('configuration', () => {
  it('answers config_missing without naming anything, and names each missing variable in the log', async () => {
    const partial = { REALM_GATE: env.REALM_GATE, INTUIT_CLIENT_ID: 'x', APP_ORIGIN: 'http://127.0.0.1:5173' }
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await app.request('/api/session', {}, partial)
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error).toEqual({ code: 'config_missing', message: expect.stringContaining('not set up') })
    expect(body.error.message).not.toMatch(/INTUIT|SECRET|KEY|ORIGIN/)
    const log = logged.mock.calls.flat().join(' ')
    for (const name of ['INTUIT_TOKEN_URL', 'INTUIT_CLIENT_SECRET', 'SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY'])
      expect(log).toContain(name)
    expect(log).not.toContain('INTUIT_CLIENT_ID')
    logged.mockRestore()
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
    expect(page).not.toContain('SESSION_SECRET')

    const callback = await app.request('/auth/intuit/callback?state=s&code=c&realmId=1', {}, partial)
    expect(await callback.text()).toContain('"code":"config_missing"')
  })

  it('answers the connect routes with a plain page when even APP_ORIGIN is missing', async () => {
    const res = await app.request('/auth/intuit/connect?popup=1', {}, { REALM_GATE: env.REALM_GATE })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const page = await res.text()
    expect(page).toContain('setup is finished')
    expect(page).not.toContain('APP_ORIGIN')
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

  it('treats an empty string as unset and rejects a short key', () => {
    const r = readConfig({ ...env, INTUIT_API_BASE: '', SESSION_SECRET: btoa('short') })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.missing.sort()).toEqual(['INTUIT_API_BASE', 'SESSION_SECRET'])
    expect(r.error.message).toContain('INTUIT_API_BASE: not set')
    expect(r.error.message).toContain('SESSION_SECRET: must be base64 of at least 32 random bytes')
  })

  const strong = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
  const deployed = {
    INTUIT_AUTHORIZE_URL: 'https://appcenter.intuit.com/connect/oauth2',
    INTUIT_TOKEN_URL: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    INTUIT_REVOKE_URL: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    INTUIT_API_BASE: 'https://quickbooks.api.intuit.com',
    INTUIT_CLIENT_ID: 'ABcd1234',
    INTUIT_CLIENT_SECRET: 'a-real-looking-client-secret-0123',
    INTUIT_WEBHOOK_VERIFIER: 'a-real-looking-verifier-0123',
    APP_ORIGIN: 'https://app.fieldsync.test',
    SESSION_SECRET: strong(),
    TOKEN_ENCRYPTION_KEY: strong(),
  }

  it('accepts a deployment with https URLs and strong keys', () => {
    expect(readConfig({ ...deployed }).ok).toBe(true)
  })

  it.each([
    ['a plain 16-character secret', { SESSION_SECRET: 'sixteen-chars-ok' }, 'SESSION_SECRET', 'base64'],
    [
      'a key that is not base64',
      { TOKEN_ENCRYPTION_KEY: 'not base64 at all, but long enough to pass' },
      'TOKEN_ENCRYPTION_KEY',
      'base64',
    ],
    ['31 bytes', { TOKEN_ENCRYPTION_KEY: btoa('x'.repeat(31)) }, 'TOKEN_ENCRYPTION_KEY', '32'],
    ['a short previous key', { SESSION_SECRET_PREVIOUS: btoa('short') }, 'SESSION_SECRET_PREVIOUS', '32'],
    ['http: beyond loopback', { INTUIT_API_BASE: 'http://quickbooks.api.intuit.com' }, 'INTUIT_API_BASE', 'https'],
    ['an http: app', { APP_ORIGIN: 'http://app.fieldsync.test' }, 'APP_ORIGIN', 'https'],
    ['the placeholder key', { SESSION_SECRET: 'replace-with-32-random-bytes-base64' }, 'SESSION_SECRET', 'base64'],
    ['the local session key', { SESSION_SECRET: String(env.SESSION_SECRET) }, 'SESSION_SECRET', 'local development'],
    [
      'the local token key',
      { TOKEN_ENCRYPTION_KEY: String(env.TOKEN_ENCRYPTION_KEY) },
      'TOKEN_ENCRYPTION_KEY',
      'local development',
    ],
    [
      'the local client secret',
      { INTUIT_CLIENT_SECRET: 'fieldsync-local-secret' },
      'INTUIT_CLIENT_SECRET',
      'local development',
    ],
    [
      'the local verifier',
      { INTUIT_WEBHOOK_VERIFIER: 'fieldsync-local-webhook-verifier' },
      'INTUIT_WEBHOOK_VERIFIER',
      'local development',
    ],
    [
      'a placeholder verifier',
      { INTUIT_WEBHOOK_VERIFIER: 'replace-with-the-verifier-token' },
      'INTUIT_WEBHOOK_VERIFIER',
      'placeholder',
    ],
  ])('refuses %s', (_what, change, name, why) => {
    const r = readConfig({ ...deployed, ...change })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.missing).toEqual([name])
    expect(r.error.message).toContain(why)
  })

  it('accepts the local secrets while every URL is loopback (npm start, the tests)', () => {
    expect(readConfig({ ...env }).ok).toBe(true)
    expect(readConfig({ ...env, APP_ORIGIN: 'https://app.fieldsync.test' }).ok).toBe(false)
  })
})
