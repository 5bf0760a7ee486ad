/** Disconnect: revoking at Intuit, wiping tokens, and ending the sessions of older grants. */
import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader, cookiesFrom } from '../../test/helpers.ts'
import { admin, consent, freshCompany } from '../../test/emulator.ts'
import { ApiErrorBody } from '#shared/api/errors.ts'

describe('disconnect', () => {
  it('revokes at Intuit, wipes the tokens and ends the session', async () => {
    const realmId = await freshCompany()
    const { jar } = await consent({ decision: 'connect', realmId })
    const cookie = cookieHeader(jar)
    const res = await SELF.fetch(`${EDGE}/auth/disconnect`, {
      method: 'POST',
      headers: { cookie, origin: env.APP_ORIGIN },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ disconnected: true, revoked: true })
    expect(cookiesFrom(res, new Map(jar)).has('__Host-fs_session')).toBe(false)
    const tokens = await admin<{ connections: Array<{ realmId: string; revoked: boolean }> }>('/tokens')
    expect(tokens.connections.filter((c) => c.realmId === realmId).every((c) => c.revoked)).toBe(true)
    // The old cookie is worthless now: the realm holds no tokens.
    expect(await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json()).toEqual({
      connected: false,
      needsReconnect: false,
    })
    const call = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
    expect(ApiErrorBody.parse(await call.json()).error.code).toBe('not_connected')
  })

  it('ends older sessions when the company is connected again, and they cannot disconnect the new grant', async () => {
    const realmId = await freshCompany()
    const first = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
    const second = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
    const old = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie: first } })
    expect(old.status).toBe(401)
    expect(ApiErrorBody.parse(await old.json()).error.code).toBe('session_ended')
    expect(await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: first } })).json()).toEqual({
      connected: false,
      needsReconnect: false,
    })
    const refused = await SELF.fetch(`${EDGE}/auth/disconnect`, {
      method: 'POST',
      headers: { cookie: first, origin: env.APP_ORIGIN },
    })
    expect(ApiErrorBody.parse(await refused.json()).error.code).toBe('session_ended')
    const current = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie: second } })
    expect(current.status).toBe(200)
  })
})
