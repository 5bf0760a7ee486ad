/** The live feed: fan-out per company, catch-up from a sequence, hibernation, and devices' own writes. */
import { SELF, env, evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { FeedMessage } from '#shared/api/feed.ts'
import { EDGE, cookieHeader, freshRealm, sessionCookieFor } from '../../test/helpers.ts'
import { consent, freshCompany } from '../../test/emulator.ts'
import { signIntuitBody } from '../webhooks/signature.ts'
import { CLOSE_ENDED } from './sockets.ts'
import { appendNotice, MAX_NOTICES_KEPT } from './store.ts'

const gateOf = (realmId: string) => env.REALM_GATE.getByName(realmId)

/** A connected company: its owner device's session cookie. */
async function connected(realmId: string): Promise<string> {
  const owner = await gateOf(realmId).storeGrant(realmId, {
    accessToken: 'access-token-never-sent',
    refreshToken: 'refresh-token-never-sent',
    accessExpiresAt: Date.now() + 3600_000,
    refreshExpiresAt: Date.now() + 100 * 24 * 3600_000,
  })
  return sessionCookieFor(realmId, owner.id)
}

/** Another device of the company, joined with `role`: its id and session cookie. */
async function joinedDevice(realmId: string, role: 'office' | 'crew' = 'office') {
  const joined = await gateOf(realmId).joinDevice(role, `${role} device`)
  if (!joined.ok) throw new Error(joined.error.message)
  return { id: joined.value.device.id, cookie: await sessionCookieFor(realmId, joined.value.device.id) }
}

const upgrade = (cookie: string, since?: number, origin: string | null = env.APP_ORIGIN) =>
  SELF.fetch(`${EDGE}/api/feed${since === undefined ? '' : `?since=${since}`}`, {
    headers: { upgrade: 'websocket', cookie, ...(origin === null ? {} : { origin }) },
  })

/** An open feed socket with its messages, read in order. */
async function feed(cookie: string, since?: number) {
  const res = await upgrade(cookie, since)
  expect(res.status).toBe(101)
  const ws = res.webSocket!
  const queue: FeedMessage[] = []
  const waiting: Array<() => void> = []
  ws.addEventListener('message', (e) => {
    queue.push(FeedMessage.parse(JSON.parse(String(e.data))))
    waiting.shift()?.()
  })
  ws.accept()
  const next = async (): Promise<FeedMessage> => {
    while (queue.length === 0) await new Promise<void>((resolve) => waiting.push(resolve))
    return queue.shift()!
  }
  return { ws, next, pending: () => queue.length }
}

async function webhook(realmId: string, id: string): Promise<void> {
  const body = JSON.stringify({
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: [{ name: 'Customer', id, operation: 'Update', lastUpdated: new Date().toISOString() }],
        },
      },
    ],
  })
  const res = await SELF.fetch(`${EDGE}/webhooks/intuit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'intuit-signature': await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body),
    },
    body,
  })
  expect(res.status).toBe(200)
}

describe('the change feed', () => {
  it('sends a webhook notice to every socket of the company and none of another', async () => {
    const realmA = freshRealm()
    const realmB = freshRealm()
    const tablet = await feed(await connected(realmA))
    const office = await feed((await joinedDevice(realmA)).cookie)
    const other = await feed(await connected(realmB))
    for (const f of [tablet, office, other]) expect(await f.next()).toMatchObject({ type: 'hello', seq: 0 })
    await webhook(realmA, '42')
    const expected = {
      type: 'changes',
      seq: 1,
      origin: 'webhook',
      deviceId: null,
      entities: [{ entity: 'Customer', id: '42', operation: 'Update' }],
    }
    expect(await tablet.next()).toEqual(expected)
    expect(await office.next()).toEqual(expected)
    // The other company's next notice is its own: it never got the first.
    await webhook(realmB, '7')
    expect(await other.next()).toMatchObject({ type: 'changes', seq: 1, entities: [{ id: '7' }] })
  })

  it('catches a reconnecting socket up from its last sequence, or says reset when that is gone', async () => {
    const realmId = freshRealm()
    const cookie = await connected(realmId)
    const first = await feed(cookie)
    const hello = await first.next()
    first.ws.close(1000)
    await webhook(realmId, '1')
    await webhook(realmId, '2')
    const again = await feed(cookie, hello.type === 'hello' ? hello.seq : -1)
    expect(await again.next()).toMatchObject({ type: 'hello', seq: 2 })
    expect(await again.next()).toMatchObject({ type: 'changes', seq: 1, entities: [{ id: '1' }] })
    expect(await again.next()).toMatchObject({ type: 'changes', seq: 2, entities: [{ id: '2' }] })
    await runInDurableObject(gateOf(realmId), (_gate, state) => {
      for (let i = 0; i <= MAX_NOTICES_KEPT; i++)
        appendNotice(
          state.storage.sql,
          { type: 'changes', origin: 'webhook', deviceId: null, entities: [] },
          Date.now(),
        )
    })
    const late = await feed(cookie, 2)
    expect(await late.next()).toMatchObject({ type: 'hello', seq: 3 + MAX_NOTICES_KEPT })
    expect(await late.next()).toEqual({ type: 'reset', seq: 3 + MAX_NOTICES_KEPT })
  })

  it('still delivers on a socket whose gate hibernated', async () => {
    const realmId = freshRealm()
    const socket = await feed(await connected(realmId))
    expect(await socket.next()).toMatchObject({ type: 'hello' })
    await evictDurableObject(gateOf(realmId))
    await webhook(realmId, '99')
    expect(await socket.next()).toMatchObject({ type: 'changes', entities: [{ id: '99' }] })
  })

  it("tells the other devices of a device's own write, naming the device", async () => {
    const realmId = await freshCompany()
    const { jar } = await consent({ decision: 'connect', realmId })
    const writer = cookieHeader(jar)
    const mine = await feed(writer)
    const hello = await mine.next()
    const office = await feed((await joinedDevice(realmId)).cookie)
    await office.next()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer?requestid=${crypto.randomUUID()}`, {
      method: 'POST',
      headers: { cookie: writer, 'content-type': 'application/json', origin: env.APP_ORIGIN },
      body: JSON.stringify({ DisplayName: `Feed Test ${crypto.randomUUID()}` }),
    })
    expect(res.status).toBe(200)
    const created = ((await res.json()) as { Customer: { Id: string } }).Customer
    const notice = await office.next()
    expect(notice).toMatchObject({
      type: 'changes',
      origin: 'device',
      deviceId: hello.type === 'hello' ? hello.deviceId : 'none',
      entities: [{ entity: 'Customer', id: created.Id, operation: 'Create' }],
    })
  })

  it('sends settings to every device, and ended to the removed one alone, closing its socket', async () => {
    const realmId = freshRealm()
    const ownerCookie = await connected(realmId)
    const owner = await feed(ownerCookie)
    const crew = await joinedDevice(realmId, 'crew')
    const tablet = await feed(crew.cookie)
    const closed = new Promise<number>((resolve) => tablet.ws.addEventListener('close', (e) => resolve(e.code)))
    await owner.next()
    await tablet.next()
    const put = await SELF.fetch(`${EDGE}/api/company/settings`, {
      method: 'PUT',
      headers: { cookie: ownerCookie, 'content-type': 'application/json', origin: env.APP_ORIGIN },
      body: JSON.stringify({ baseVersion: 0, settings: { historyMonths: 24 } }),
    })
    expect(put.status).toBe(200)
    for (const f of [owner, tablet])
      expect(await f.next()).toMatchObject({
        type: 'settings',
        seq: 1,
        doc: { version: 1, settings: { historyMonths: 24 } },
      })
    const remove = await SELF.fetch(`${EDGE}/api/team/devices/${crew.id}`, {
      method: 'DELETE',
      headers: { cookie: ownerCookie, origin: env.APP_ORIGIN },
    })
    expect(remove.status).toBe(200)
    expect(await tablet.next()).toEqual({ type: 'ended', reason: 'device_removed', companyName: null })
    expect(await closed).toBe(CLOSE_ENDED)
    expect(owner.pending()).toBe(0)
    // Its next try is refused.
    expect((await upgrade(crew.cookie)).status).toBe(401)
  })

  it('refuses another origin, no origin, no session, and a plain request', async () => {
    const realmId = freshRealm()
    const cookie = await connected(realmId)
    expect((await upgrade(cookie, undefined, 'https://evil.example')).status).toBe(403)
    expect((await upgrade(cookie, undefined, null)).status).toBe(403)
    expect((await upgrade(await sessionCookieFor(realmId), undefined)).status).toBe(401)
    expect((await upgrade('', undefined)).status).toBe(401)
    const plain = await SELF.fetch(`${EDGE}/api/feed`, { headers: { cookie, origin: env.APP_ORIGIN } })
    expect(plain.status).toBe(400)
  })
})
