/** Disconnect: revoking at Intuit, wiping tokens, and ending every device's session; connecting again ends none. */
import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader, cookiesFrom } from '../../test/helpers.ts'
import { admin, consent, freshCompany } from '../../test/emulator.ts'
import { ApiErrorBody } from '#shared/api/errors.ts'
import { SessionResponse } from '#shared/api/session.ts'

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
    expect(await res.json()).toEqual({ disconnected: true, revoked: true, deviceCount: 1 })
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

  it('keeps older sessions when the company is connected again; a disconnect from either ends both', async () => {
    const realmId = await freshCompany()
    const first = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
    const second = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
    for (const cookie of [first, second]) {
      const call = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer/1`, { headers: { cookie } })
      expect(call.status).toBe(200)
      const session = SessionResponse.parse(
        await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json(),
      )
      expect(session).toMatchObject({ connected: true, deviceCount: 2, device: { role: 'owner' } })
    }
    const res = await SELF.fetch(`${EDGE}/auth/disconnect`, {
      method: 'POST',
      headers: { cookie: first, origin: env.APP_ORIGIN },
    })
    expect(await res.json()).toEqual({ disconnected: true, revoked: true, deviceCount: 2 })
    expect(await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: second } })).json()).toEqual({
      connected: false,
      needsReconnect: false,
    })
  })

  it('keeps the device a browser already was when it connects again', async () => {
    const realmId = await freshCompany()
    const { jar } = await consent({ decision: 'connect', realmId })
    const before = SessionResponse.parse(
      await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: cookieHeader(jar) } })).json(),
    )
    const again = await consent(
      { decision: 'connect', realmId },
      { tamper: (_url, j) => j.set('__Host-fs_session', jar.get('__Host-fs_session')!) },
    )
    const after = SessionResponse.parse(
      await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: cookieHeader(again.jar) } })).json(),
    )
    if (!before.connected || !after.connected) throw new Error('expected connected sessions')
    expect(after.device.id).toBe(before.device.id)
    expect(after.deviceCount).toBe(1)
  })
})
