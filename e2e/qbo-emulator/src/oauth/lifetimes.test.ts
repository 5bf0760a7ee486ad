// Lifetimes at their edges, over HTTP: authorization codes (10 min here; Intuit documents none,
// docs/quickbooks.md §1.4) and the five-year hard cap on a connection's refresh tokens (Intuit blog 2025-11-12,
// docs/quickbooks.md §1.6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { realmA } from '../../test-support/stub-companies.ts'
import {
  api,
  basic,
  connect,
  consent,
  redirectUri,
  startWorld,
  tokenRequest,
  type TokenBody,
  type World,
} from '../../test-support/world.ts'

const day = 86_400_000
let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

const exchange = (code: string) =>
  tokenRequest(w, { grant_type: 'authorization_code', code, redirect_uri: redirectUri })

describe('authorization codes', () => {
  it('are exchangeable until 600 s of emulator time have passed', async () => {
    const code = (await consent(w, 'connect')).searchParams.get('code')!
    w.clock.advance(599_999)
    expect((await exchange(code)).status).toBe(200)
  })

  it('are invalid_grant once expired, and issue nothing', async () => {
    const code = (await consent(w, 'connect')).searchParams.get('code')!
    w.clock.advance(600_000)
    const res = await exchange(code)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Authorization code has expired' })
    expect(w.emu.tokens.isConnected('fieldsync-local', realmA)).toBe(false)
  })
})

describe('the five-year hard cap', () => {
  it('shortens the rolling expiry as the cap nears, then refuses every refresh, however recently used', async () => {
    const t = await connect(w)
    let rt = t.refresh_token
    const refresh = async () => {
      const res = await fetch(`${w.url}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          Authorization: basic(),
          'Content-Type': 'application/x-www-form-urlencoded',
          'x-include-refresh-token-hard-expires-in': 'true',
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }),
      })
      const body = (await res.json()) as TokenBody & { x_refresh_token_hard_expires_in: number; error?: string }
      if (res.status === 200) rt = body.refresh_token
      return { status: res.status, body }
    }
    // 18 refreshes 99 days apart: day 1,782, with 43 days of the 1,825 left.
    for (let i = 1; i <= 18; i++) {
      w.clock.advance(99 * day)
      const r = await refresh()
      expect(r.status).toBe(200)
      expect(r.body.x_refresh_token_hard_expires_in).toBe((1825 - 99 * i) * 86_400)
      expect(r.body.x_refresh_token_expires_in).toBe(Math.min(100, 1825 - 99 * i) * 86_400)
    }
    w.clock.advance(42 * day)
    const last = await refresh()
    expect([last.status, last.body.x_refresh_token_expires_in, last.body.x_refresh_token_hard_expires_in]).toEqual([
      200, 86_400, 86_400,
    ])
    expect((await api(w, last.body.access_token, `/v3/company/${realmA}/customer/1`)).status).toBe(200)
    w.clock.advance(day)
    const capped = await refresh()
    expect([capped.status, capped.body.error]).toEqual([400, 'invalid_grant'])
  })
})
