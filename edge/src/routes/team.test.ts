/** Join codes (format, expiry, single use, five wrong tries, per-client limit, hashed at rest) and the devices routes. */
import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { ApiErrorBody } from '#shared/api/errors.ts'
import { SessionResponse } from '#shared/api/session.ts'
import { Devices, JOIN_CODE_ALPHABET, JoinResponse } from '#shared/api/team.ts'
import { EDGE, cookieHeader, cookiesFrom, testConfig } from '../../test/helpers.ts'
import { appJson, clientIp, join, joinCode, joined, teamOf } from '../../test/team.ts'
import { consent, freshCompany } from '../../test/emulator.ts'
import { hashCode } from '../team/join-code.ts'
import { CLIENT_TRIES, JOIN_INDEX } from '../team/join-index.ts'

const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error
const sessionOf = async (cookie: string) =>
  SessionResponse.parse(await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json())
const otherChar = (ch: string) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(ch) + 1) % JOIN_CODE_ALPHABET.length]!

async function owner(name = 'Join Plumbing') {
  const realmId = await freshCompany(name)
  return { realmId, cookie: cookieHeader((await consent({ decision: 'connect', realmId })).jar) }
}

describe('join codes', () => {
  it('are XXXX-XXXX, last ten minutes, and start a session with their role on the owner’s company', async () => {
    const { realmId, cookie } = await owner('Okafor Plumbing')
    const made = await joinCode(cookie, 'crew')
    expect(made.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{4}-[${JOIN_CODE_ALPHABET}]{4}$`))
    expect(made.joinUrl).toBe(`${env.APP_ORIGIN}/join?code=${made.code}`)
    const ttl = Date.parse(made.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(9 * 60_000)
    expect(ttl).toBeLessThanOrEqual(10 * 60_000)

    // Typed on a tablet: lower case, a space for the dash.
    const res = await join(made.code.toLowerCase().replace('-', ' '), 'Van 2 tablet')
    expect(res.status).toBe(200)
    const body = JoinResponse.parse(await res.json())
    expect(body).toMatchObject({
      realmId,
      companyName: 'Okafor Plumbing',
      device: { name: 'Van 2 tablet', role: 'crew' },
    })
    const session = await sessionOf(cookieHeader(cookiesFrom(res)))
    expect(session).toMatchObject({
      connected: true,
      realmId,
      deviceCount: 2,
      device: { id: body.device.id, role: 'crew' },
    })
    // The owner's session is untouched.
    expect(await sessionOf(cookie)).toMatchObject({ connected: true, deviceCount: 2, device: { role: 'owner' } })
  })

  it('work once only', async () => {
    const { cookie } = await owner()
    const { code } = await joinCode(cookie, 'office')
    expect((await join(code, 'Office PC')).status).toBe(200)
    const again = await join(code, 'Another PC')
    expect(again.status).toBe(403)
    expect(await errorOf(again)).toMatchObject({ code: 'join_code_invalid' })
  })

  it('expire', async () => {
    const { realmId } = await owner()
    const code = 'ABCD2345'
    const hashes = await hashCode(testConfig().sessionKeys.current, code)
    const index = env.REALM_GATE.getByName(JOIN_INDEX)
    expect(await index.registerJoinCode({ hashes, realmId, role: 'crew', expiresAt: Date.now() - 1 })).toBe(true)
    const res = await join(code, 'Late tablet')
    expect(res.status).toBe(403)
    expect(await errorOf(res)).toMatchObject({ code: 'join_code_invalid' })
  })

  it('are burned by five wrong tries against their first half', async () => {
    const { cookie } = await owner()
    const { code } = await joinCode(cookie, 'crew')
    let wrong = code
    for (let i = 0; i < 5; i++) {
      wrong = `${wrong.slice(0, 8)}${otherChar(wrong[8]!)}`
      expect(wrong).not.toBe(code)
      const res = await join(wrong, 'Guess', clientIp())
      expect(await errorOf(res)).toMatchObject({ code: 'join_code_invalid' })
    }
    const right = await join(code, 'Too late', clientIp())
    expect(right.status).toBe(403)
    expect(await errorOf(right)).toMatchObject({ code: 'join_code_invalid' })
  })

  it(`are tried at most ${CLIENT_TRIES} times in ten minutes from one client`, async () => {
    const { cookie } = await owner()
    const { code } = await joinCode(cookie, 'crew')
    const ip = clientIp()
    for (let i = 0; i < CLIENT_TRIES; i++) {
      expect((await join('ZZZZ-ZZZZ', 'Guess', ip)).status).toBe(403)
    }
    const limited = await join(code, 'Right but too many', ip)
    expect(limited.status).toBe(429)
    const error = await errorOf(limited)
    expect(error.code).toBe('join_rate_limited')
    expect(error.retryAfterMs).toBeGreaterThan(9 * 60_000)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // The code itself was not spent by the refused try: another client can still use it.
    expect((await join(code, 'Another client', clientIp())).status).toBe(200)
  })

  it('are kept only as hashes', async () => {
    const { cookie } = await owner()
    const { code } = await joinCode(cookie, 'office')
    const plain = code.replace('-', '')
    const rows = await runInDurableObject(env.REALM_GATE.getByName(JOIN_INDEX), (_gate, state) =>
      JSON.stringify(state.storage.sql.exec('SELECT * FROM join_codes').toArray()),
    )
    expect(rows).not.toContain(plain)
    expect(rows).not.toContain(plain.slice(0, 4))
    expect(rows).not.toContain(plain.slice(4))
    expect(rows).toContain((await hashCode(testConfig().sessionKeys.current, plain)).code)
  })

  it('refuse a malformed code or name before any lookup', async () => {
    const res = await join('ABC', 'Tablet')
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('8 letters') })
    const noName = await join('ABCD-EFGH', '  ')
    expect(noName.status).toBe(400)
  })
})

describe('devices', () => {
  it('lists the company’s devices with their roles, for the owner', async () => {
    const team = await teamOf('Listed Plumbing')
    const res = await SELF.fetch(`${EDGE}/api/team/devices`, { headers: { cookie: team.owner } })
    const list = Devices.parse(await res.json())
    expect(list.devices.map((d) => d.role).sort()).toEqual(['crew', 'office', 'owner'])
    expect(list.devices.find((d) => d.id === list.thisDeviceId)?.role).toBe('owner')
  })

  it('ends a removed device’s session with a message naming the company; the rest go on', async () => {
    const team = await teamOf('Rivera Plumbing')
    const crew = await sessionOf(team.crew)
    if (!crew.connected) throw new Error('expected a session')
    const res = await SELF.fetch(`${EDGE}/api/team/devices/${crew.device.id}`, {
      method: 'DELETE',
      headers: appJson(team.owner),
    })
    expect(await res.json()).toEqual({ removed: true, numbersReturned: 0 })
    const message = 'This device was removed from Rivera Plumbing by its owner.'
    const session = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: team.crew } })
    expect(session.status).toBe(401)
    expect(await errorOf(session)).toEqual({ code: 'device_removed', message })
    const call = await SELF.fetch(`${EDGE}/api/qbo/${team.realmId}/customer/1`, { headers: { cookie: team.crew } })
    expect(call.status).toBe(401)
    expect(await errorOf(call)).toEqual({ code: 'device_removed', message })
    expect(await sessionOf(team.office)).toMatchObject({ connected: true, deviceCount: 2 })
  })

  it('does not let the owner remove the device it is using, nor a device of no company of its', async () => {
    const team = await teamOf()
    const me = await sessionOf(team.owner)
    if (!me.connected) throw new Error('expected a session')
    const self = await SELF.fetch(`${EDGE}/api/team/devices/${me.device.id}`, {
      method: 'DELETE',
      headers: appJson(team.owner),
    })
    expect(self.status).toBe(400)
    const other = await teamOf()
    const theirs = await sessionOf(other.crew)
    if (!theirs.connected) throw new Error('expected a session')
    const foreign = await SELF.fetch(`${EDGE}/api/team/devices/${theirs.device.id}`, {
      method: 'DELETE',
      headers: appJson(team.owner),
    })
    expect(foreign.status).toBe(404)
    expect(await sessionOf(other.crew)).toMatchObject({ connected: true })
  })

  it('lets any device rename itself', async () => {
    const team = await teamOf()
    const res = await SELF.fetch(`${EDGE}/api/team/this-device`, {
      method: 'PATCH',
      headers: appJson(team.crew),
      body: JSON.stringify({ name: 'Van 3 tablet' }),
    })
    expect(await res.json()).toMatchObject({ name: 'Van 3 tablet', role: 'crew' })
    expect(await sessionOf(team.crew)).toMatchObject({ device: { name: 'Van 3 tablet' } })
  })

  it('joins a second company’s code as a device of that company only', async () => {
    const a = await owner('A Plumbing')
    const b = await owner('B Heating')
    const cookie = await joined(b.cookie, 'office')
    expect(await sessionOf(cookie)).toMatchObject({ realmId: b.realmId, companyName: 'B Heating' })
    const call = await SELF.fetch(`${EDGE}/api/qbo/${a.realmId}/customer/1`, { headers: { cookie } })
    expect(await errorOf(call)).toMatchObject({ code: 'realm_mismatch' })
  })
})
