/** A session cookie from before device sessions: taken over as an owner device while its grant lasts. */
import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { RealmId } from '#shared/ids.ts'
import { SessionResponse } from '#shared/api/session.ts'
import { EDGE, cookiesFrom, testConfig } from '../../test/helpers.ts'
import { consent, freshCompany } from '../../test/emulator.ts'
import * as store from '../gate/store.ts'
import { SESSION_COOKIE } from './cookies.ts'
import { signSession, verifySession, type SessionClaims } from './tokens.ts'

/** Signs the claims an earlier edge put in the session cookie. */
const legacyCookie = async (claims: { sid: string; realmId: string; grant: string }) =>
  `${SESSION_COOKIE}=${await signSession(testConfig().sessionKeys, claims as unknown as SessionClaims, 3600, Date.now())}`

describe('a session cookie of the earlier shape', () => {
  it('becomes an owner device of its company while its grant is the stored one, signed again in the new shape', async () => {
    const realmId = await freshCompany('Legacy Plumbing')
    await consent({ decision: 'connect', realmId })
    const grant = await runInDurableObject(
      env.REALM_GATE.getByName(realmId),
      (_gate, state) => store.readConnection(state.storage.sql)!.grant_id!,
    )
    const sid = 'legacy-session-0123456789'
    const res = await SELF.fetch(`${EDGE}/api/session`, {
      headers: { cookie: await legacyCookie({ sid, realmId: RealmId.parse(realmId), grant }) },
    })
    expect(SessionResponse.parse(await res.json())).toMatchObject({
      connected: true,
      companyName: 'Legacy Plumbing',
      deviceCount: 2,
      device: { id: sid, role: 'owner' },
    })
    const renewed = await verifySession(testConfig().sessionKeys, cookiesFrom(res).get(SESSION_COOKIE), Date.now())
    expect(renewed?.claims).toEqual({ realmId, device: sid })
  })

  it('of an older grant stays ended', async () => {
    const realmId = await freshCompany()
    await consent({ decision: 'connect', realmId })
    const cookie = await legacyCookie({
      sid: 'legacy-session-9876543210',
      realmId,
      grant: 'a-grant-long-since-replaced',
    })
    const res = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })
    expect(await res.json()).toEqual({ connected: false, needsReconnect: false })
    expect(res.headers.getSetCookie()).toEqual([])
  })
})
