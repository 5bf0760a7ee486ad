import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, freshRealm, sessionCookieFor } from '../../test/helpers.ts'
import { app } from '../app.ts'
import { signIntuitBody } from '../webhooks/signature.ts'

const post = (body: string, signature?: string) =>
  SELF.fetch(`${EDGE}/webhooks/intuit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === undefined ? {} : { 'intuit-signature': signature }),
    },
    body,
  })

// A minute ago: deliveries dated outside the replay window are ignored.
const stamp = new Date(Date.now() - 60_000).toISOString()

const notification = (realmId: string, id: string, lastUpdated = stamp) =>
  JSON.stringify({
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: [{ name: 'Invoice', id, operation: 'Update', lastUpdated }],
        },
      },
    ],
  })

describe('POST /webhooks/intuit', () => {
  it('accepts a correctly signed delivery and records the change for the realm', async () => {
    const realmId = freshRealm()
    const body = notification(realmId, '130')
    const res = await post(body, await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body))
    expect(res.status).toBe(200)
    const status = await env.REALM_GATE.getByName(realmId).status(null)
    expect(status.changes.entities).toMatchObject([
      { entity: 'Invoice', id: '130', operation: 'Update', lastUpdated: stamp },
    ])
  })

  it('refuses a missing signature', async () => {
    const realmId = freshRealm()
    const res = await post(notification(realmId, '1'))
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'bad_signature' } })
    expect((await env.REALM_GATE.getByName(realmId).status(null)).changes.seq).toBe(0)
  })

  it('refuses a signature made with another key or over other bytes', async () => {
    const realmId = freshRealm()
    const body = notification(realmId, '1')
    for (const signature of [
      await signIntuitBody('some-other-verifier', body),
      await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body.replace('"1"', '"2"')),
      await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, `${body} `),
      'not base64 at all',
      '',
    ]) {
      const res = await post(body, signature)
      expect(res.status).toBe(401)
    }
    expect((await env.REALM_GATE.getByName(realmId).status(null)).changes.seq).toBe(0)
  })

  it("records the other companies' changes and still answers 200 when one company's gate fails", async () => {
    const broken = freshRealm()
    const healthy = freshRealm()
    const body = JSON.stringify({
      eventNotifications: [broken, healthy].map((realmId) => ({
        realmId,
        dataChangeEvent: { entities: [{ name: 'Customer', id: '3', operation: 'Update' }] },
      })),
    })
    const gates = {
      getByName: (name: string) =>
        name === broken
          ? { recordChanges: () => Promise.reject(new Error('storage unavailable')) }
          : env.REALM_GATE.getByName(name),
    } as unknown as typeof env.REALM_GATE
    const res = await app.request(
      '/webhooks/intuit',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'intuit-signature': await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body),
        },
        body,
      },
      { ...env, REALM_GATE: gates },
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ received: 1, ignored: 0, failed: 1, replay: false })
    expect((await env.REALM_GATE.getByName(healthy).status(null)).changes.entities).toMatchObject([
      { entity: 'Customer', id: '3' },
    ])
  })

  it('ignores notifications for a realm id of the wrong shape and records the rest', async () => {
    const realmId = freshRealm()
    const body = JSON.stringify({
      eventNotifications: ['../../etc', realmId].map((r) => ({
        realmId: r,
        dataChangeEvent: { entities: [{ name: 'Item', id: '8', operation: 'Create' }] },
      })),
    })
    const res = await post(body, await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ received: 1, ignored: 1, failed: 0, replay: false })
    expect((await env.REALM_GATE.getByName(realmId).status(null)).changes.entities).toMatchObject([
      { entity: 'Item', id: '8' },
    ])
  })

  it('refuses a body over the size limit without recording anything', async () => {
    const realmId = freshRealm()
    const entities = Array.from({ length: 30_000 }, (_, i) => ({
      name: 'Invoice',
      id: String(i),
      operation: 'Update',
      lastUpdated: '2026-01-05T10:00:00-0700',
    }))
    const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities } }] })
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(2 * 1024 * 1024)
    const res = await post(body, await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('too large') },
    })
    expect((await env.REALM_GATE.getByName(realmId).status(null)).changes.seq).toBe(0)
  })

  it('surfaces recorded changes in /api/session after the seq the app saw last', async () => {
    const realmId = freshRealm()
    const gate = env.REALM_GATE.getByName(realmId)
    const grant = await gate.storeGrant(realmId, {
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: Date.now() + 3600_000,
      refreshExpiresAt: Date.now() + 86_400_000,
    })
    const cookie = await sessionCookieFor(realmId, grant.id)
    const first = notification(realmId, '7')
    await post(first, await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, first))
    const s1 = (await (await SELF.fetch(`${EDGE}/api/session`, { headers: { cookie } })).json()) as {
      changes: { seq: number; changed: boolean }
    }
    expect(s1.changes).toMatchObject({ changed: true, entities: [{ id: '7' }] })
    const s2 = (await (
      await SELF.fetch(`${EDGE}/api/session?changesSince=${s1.changes.seq}`, { headers: { cookie } })
    ).json()) as { changes: unknown }
    expect(s2.changes).toEqual({ seq: s1.changes.seq, changed: false, entities: [] })
  })

  describe('replays', () => {
    const signedPost = async (body: string) => post(body, await signIntuitBody(env.INTUIT_WEBHOOK_VERIFIER, body))
    const recorded = async (realmId: string) => (await env.REALM_GATE.getByName(realmId).status(null)).changes.entities

    it('acknowledges a delivery sent again and records it once', async () => {
      const realmId = freshRealm()
      const body = notification(realmId, '41')
      expect(await (await signedPost(body)).json()).toMatchObject({ received: 1, replay: false })
      const again = await signedPost(body)
      expect(again.status).toBe(200)
      expect(await again.json()).toEqual({ received: 0, ignored: 0, failed: 0, replay: true })
      expect(await recorded(realmId)).toHaveLength(1)
    })

    it('acknowledges and ignores a delivery dated outside the window, old or ahead', async () => {
      const realmId = freshRealm()
      for (const when of [Date.now() - 25 * 3600_000, Date.now() + 3600_000]) {
        const res = await signedPost(notification(realmId, '42', new Date(when).toISOString()))
        expect(res.status).toBe(200)
        expect(await res.json()).toMatchObject({ received: 0, replay: true })
      }
      expect(await recorded(realmId)).toEqual([])
    })

    it('knows CloudEvents by their ids, whatever the bytes around them', async () => {
      const realmId = freshRealm()
      const event = (extra: Record<string, unknown>) =>
        JSON.stringify([
          {
            specversion: '1.0',
            id: `evt-${realmId}`,
            type: 'qbo.invoice.updated.v1',
            time: stamp,
            intuitentityid: '43',
            intuitaccountid: realmId,
            ...extra,
          },
        ])
      expect(await (await signedPost(event({}))).json()).toMatchObject({ received: 1, replay: false })
      expect(await (await signedPost(event({ datacontenttype: 'application/json' }))).json()).toMatchObject({
        received: 0,
        replay: true,
      })
      expect(await recorded(realmId)).toHaveLength(1)
    })
  })
})
