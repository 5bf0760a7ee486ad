/**
 * Roles at the edge, route by route and proxied write by write: for each role, either the call goes
 * through (whatever it then answers) or it is refused 403 `forbidden_role`, saying who can, and
 * never reaches QuickBooks.
 */
import { SELF, env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultCompanySettings } from '#shared/api/company-settings.ts'
import { ApiErrorBody } from '#shared/api/errors.ts'
import type { Role } from '#shared/api/team.ts'
import { EDGE } from '../../test/helpers.ts'
import { appJson, joined, teamOf, type TeamOf } from '../../test/team.ts'

let team: TeamOf
beforeAll(async () => {
  team = await teamOf('Roles Plumbing')
})
afterEach(() => vi.restoreAllMocks())

interface Call {
  method: string
  path: (realmId: string) => string
  body?: unknown
}

const owner = ['owner'] as const
const ownerOffice = ['owner', 'office'] as const
const everyone = ['owner', 'office', 'crew'] as const
const qbo = (path: string) => (realmId: string) => `/api/qbo/${realmId}/${path}`
const at = (path: string) => () => path

const onlyOwner = (action: string) => `Only the company's owner can ${action}.`
const ownerOrOffice = 'Only the owner or the office can delete or void in QuickBooks.'

const table: Array<[string, Call, readonly Role[], string | null]> = [
  ['read the session', { method: 'GET', path: at('/api/session') }, everyone, null],
  ['read company settings', { method: 'GET', path: at('/api/company/settings') }, everyone, null],
  [
    'write company settings',
    { method: 'PUT', path: at('/api/company/settings'), body: { baseVersion: 0, settings: defaultCompanySettings } },
    owner,
    onlyOwner("change the company's settings"),
  ],
  ['list devices', { method: 'GET', path: at('/api/team/devices') }, owner, onlyOwner('see the devices')],
  [
    'make a join code',
    { method: 'POST', path: at('/api/team/join-codes'), body: { role: 'crew' } },
    owner,
    onlyOwner('add devices'),
  ],
  [
    'remove a device',
    { method: 'DELETE', path: at('/api/team/devices/no-such-device-0000') },
    owner,
    onlyOwner('remove devices'),
  ],
  ['rename itself', { method: 'PATCH', path: at('/api/team/this-device'), body: { name: 'Renamed' } }, everyone, null],
  ['read a customer', { method: 'GET', path: qbo('customer/1') }, everyone, null],
  [
    'create a customer',
    { method: 'POST', path: qbo('customer?requestid=roles-c'), body: { DisplayName: 'Roles customer' } },
    everyone,
    null,
  ],
  [
    'update an invoice',
    { method: 'POST', path: qbo('invoice?operation=update'), body: { Id: '1', SyncToken: '0', sparse: true } },
    everyone,
    null,
  ],
  [
    'batch creates',
    {
      method: 'POST',
      path: qbo('batch?requestid=roles-b'),
      body: { BatchItemRequest: [{ bId: '1', operation: 'create', Item: { Name: 'Roles item', Type: 'Service' } }] },
    },
    everyone,
    null,
  ],
  [
    'void an invoice',
    { method: 'POST', path: qbo('invoice?operation=void'), body: { Id: '999', SyncToken: '0' } },
    ownerOffice,
    ownerOrOffice,
  ],
  [
    'void a payment',
    { method: 'POST', path: qbo('payment?operation=update&include=void'), body: { Id: '999', SyncToken: '0' } },
    ownerOffice,
    ownerOrOffice,
  ],
  [
    'delete a payment',
    { method: 'POST', path: qbo('payment?operation=delete'), body: { Id: '999', SyncToken: '0' } },
    ownerOffice,
    ownerOrOffice,
  ],
  ['disconnect', { method: 'POST', path: at('/auth/disconnect') }, owner, onlyOwner('disconnect QuickBooks')],
]

/** Sends `call` as `cookie`, counting the calls that reached the QuickBooks API. */
async function send(cookie: string, call: Call) {
  let upstream = 0
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input, init)
    if (new URL(req.url).pathname.startsWith('/v3/')) upstream++
    return realFetch(req)
  })
  const res = await SELF.fetch(`${EDGE}${call.path(team.realmId)}`, {
    method: call.method,
    headers: appJson(cookie),
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  })
  const text = await res.text()
  vi.restoreAllMocks()
  return { res, upstream, text }
}

const cases = table.flatMap(([what, call, allowed, message]) =>
  (['office', 'crew', 'owner'] as const).map((role) => [role, what, call, allowed.includes(role), message] as const),
)

describe('each route and proxied write, for each role', () => {
  // The owner's disconnect comes last of all: it ends every session of the company.
  it.each(cases)('%s: %s', async (role, what, call, allowed, message) => {
    const { res, upstream, text } = await send(team[role], call)
    if (allowed) {
      const refused = res.status === 403 ? ApiErrorBody.safeParse(JSON.parse(text)) : null
      expect(refused?.success ? refused.data.error.code : null, `${role} may ${what}`).not.toBe('forbidden_role')
      expect(res.status).toBeLessThan(500)
      // A read another device of the company made within the second before is shared (gate/coalesce.ts).
      if (call.path(team.realmId).startsWith('/api/qbo/'))
        expect(call.method === 'GET' ? [0, 1] : [1]).toContain(upstream)
    } else {
      expect(res.status, `${role} may not ${what}`).toBe(403)
      expect(ApiErrorBody.parse(JSON.parse(text)).error).toEqual({ code: 'forbidden_role', message })
      expect(upstream).toBe(0)
    }
  })

  it('keeps a device refused a disconnect signed in; the owner’s disconnect ends and counts every device', async () => {
    const fresh = await teamOf()
    for (const cookie of [fresh.office, fresh.crew]) {
      const res = await SELF.fetch(`${EDGE}/auth/disconnect`, { method: 'POST', headers: appJson(cookie) })
      expect(res.status).toBe(403)
      expect(res.headers.getSetCookie()).toEqual([])
    }
    const extra = await joined(fresh.owner, 'crew')
    const res = await SELF.fetch(`${EDGE}/auth/disconnect`, {
      method: 'POST',
      headers: { cookie: fresh.owner, origin: env.APP_ORIGIN },
    })
    expect(await res.json()).toMatchObject({ disconnected: true, deviceCount: 4 })
    const after = await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie: extra } })
    expect(await after.json()).toEqual({ connected: false, needsReconnect: false })
  })
})
