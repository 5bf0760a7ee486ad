import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceId, JoinCode } from '#shared/api/index.ts'
import { readJoinCode, showJoinCode, timeLeft } from './join-code.ts'
import { clearSessionEnded, noteCompany, sessionEnded } from './session-ended.ts'
import { fetchDevices, joinCompany, makeJoinCode, removeDevice } from './team.ts'
import { disconnectReach, lastSeen } from './team-labels.ts'
import { teamNotice } from './team-watch.ts'

const answer = (status: number, body: unknown) =>
  vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }))
const refusal = (code: string, message = 'refused', retryAfterMs?: number) => ({
  error: { code, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
})
const device = {
  id: 'device-0123456789abcdef',
  name: 'Van 2 tablet',
  role: 'crew',
  lastSeenAt: '2026-12-07T10:00:00Z',
  addedAt: '2026-12-01T10:00:00Z',
}
const code = 'K7QM3XPA' as JoinCode

beforeEach(() => {
  const kept = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
  })
})
afterEach(() => {
  clearSessionEnded()
  vi.unstubAllGlobals()
})

describe('join codes as typed', () => {
  it('reads any case, spaces and a dash', () => {
    expect(readJoinCode(' k7qm-3xpa ')).toEqual({ ok: true, value: 'K7QM3XPA' })
    expect(readJoinCode('k7qm 3xpa')).toEqual({ ok: true, value: 'K7QM3XPA' })
  })
  it('says what is wrong with a code that cannot be one', () => {
    expect(readJoinCode('K7QM')).toEqual({ ok: false, error: 'A join code has 8 letters and digits' })
    expect(readJoinCode('K7QM3XP0').ok).toBe(false)
  })
  it('shows a code as XXXX-XXXX', () => {
    expect(showJoinCode('k7qm3xpa')).toBe('K7QM-3XPA')
  })
  it('counts the time left down to the second, and none once lapsed', () => {
    const now = Date.parse('2026-12-07T10:00:00Z')
    expect(timeLeft('2026-12-07T10:09:05Z', now)).toBe('9:05')
    expect(timeLeft('2026-12-07T10:00:00Z', now)).toBeUndefined()
  })
})

describe('team calls', () => {
  it('lists the devices', async () => {
    const f = answer(200, { devices: [device], thisDeviceId: device.id })
    const r = await fetchDevices(f)
    expect(r.ok && r.value.devices[0]?.name).toBe('Van 2 tablet')
    expect(f).toHaveBeenCalledWith('/api/team/devices', expect.objectContaining({ method: 'GET' }))
  })
  it('asks for a code for the chosen role', async () => {
    const f = answer(200, {
      code,
      role: 'office',
      expiresAt: '2026-12-07T10:10:00Z',
      joinUrl: 'https://x/#/join?code=K7QM3XPA',
    })
    const r = await makeJoinCode('office', f)
    expect(r.ok && r.value.code).toBe(code)
    const init = f.mock.calls[0]![1]!
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ role: 'office' })
  })
  it('passes the edge refusal on with its kind and message', async () => {
    const r = await removeDevice(
      device.id as DeviceId,
      answer(403, refusal('forbidden_role', 'Only an owner can remove devices.')),
    )
    expect(r).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'forbidden_role', message: 'Only an owner can remove devices.' }),
    })
  })
  it('is offline when the edge cannot be reached', async () => {
    const r = await fetchDevices(vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))))
    expect(!r.ok && r.error.kind).toBe('offline')
  })
  it('ends the session on a device_removed answer, naming the last company', async () => {
    noteCompany('Dripless Plumbing')
    await fetchDevices(answer(401, refusal('device_removed')))
    expect(sessionEnded()).toEqual({ reason: 'device_removed', companyName: 'Dripless Plumbing' })
    expect(localStorage.getItem('fieldsync:session-ended')).toContain('Dripless Plumbing')
  })
  it("names the company the edge's message gives, over the last one remembered", async () => {
    noteCompany('Dripless Plumbing')
    await fetchDevices(
      answer(401, refusal('device_removed', 'This device was removed from Rivera Pipes by its owner.')),
    )
    expect(sessionEnded()).toEqual({ reason: 'device_removed', companyName: 'Rivera Pipes' })
  })
})

describe('joining', () => {
  it('joins and clears an old removal', async () => {
    await fetchDevices(answer(401, refusal('device_removed')))
    const r = await joinCompany(
      { code, deviceName: 'Van 2 tablet' },
      answer(200, { realmId: '9341', companyName: 'Dripless Plumbing', device }),
    )
    expect(r.ok && r.value.companyName).toBe('Dripless Plumbing')
    expect(sessionEnded()).toBeUndefined()
  })
  it('says a wrong, used or expired code plainly', async () => {
    const r = await joinCompany({ code, deviceName: 'Van 2' }, answer(400, refusal('join_code_invalid')))
    expect(!r.ok && r.error.message).toMatch(/mistyped, already used, or older than 10 minutes/)
  })
  it('says how long to wait when rate limited', async () => {
    const r = await joinCompany({ code, deviceName: 'Van 2' }, answer(429, refusal('join_rate_limited', 'x', 180_000)))
    expect(!r.ok && r.error.message).toBe('Too many tries from this device. Wait 3 minutes and try again.')
  })
})

describe('labels', () => {
  const now = Date.parse('2026-12-07T12:00:00Z')
  it('says when a device was last seen in words', () => {
    expect(lastSeen('2026-12-07T11:59:30Z', now)).toBe('just now')
    expect(lastSeen('2026-12-07T11:48:00Z', now)).toBe('12 minutes ago')
    expect(lastSeen('2026-12-07T11:00:00Z', now)).toBe('1 hour ago')
    expect(lastSeen('2026-12-01T11:00:00Z', now, 'en-US')).toBe('Dec 1, 2026')
  })
  it('says how many devices a disconnect ends', () => {
    expect(disconnectReach(3, 'Dripless Plumbing')).toBe(
      'All 3 devices on Dripless Plumbing stop syncing, this one included: each would have to join again.',
    )
    expect(disconnectReach(undefined, 'Dripless Plumbing')).toMatch(/only device/)
  })
})

describe("the feed's team notices", () => {
  it('are its settings and ended messages, checked against the contract', () => {
    const ended = { type: 'ended', reason: 'device_removed', companyName: 'Dripless Plumbing' }
    expect(teamNotice(ended)).toEqual(ended)
    expect(teamNotice({ type: 'changes', seq: 2, origin: 'device', deviceId: null, entities: [] })).toBeUndefined()
    expect(teamNotice({ type: 'settings', seq: 3, doc: { version: 'x' } })).toBeUndefined()
  })
})
