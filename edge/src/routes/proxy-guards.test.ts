import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, freshRealm, sessionCookieFor } from '../../test/helpers.ts'

describe('proxy guards (no call reaches QuickBooks)', () => {
  it('answers 401 without a session', async () => {
    const res = await SELF.fetch(`${EDGE}/api/qbo/123/customer/1`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } })
  })

  it('refuses a session for realm A on realm B', async () => {
    const a = freshRealm()
    const b = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${b}/customer/1`, { headers: { cookie: await sessionCookieFor(a) } })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('realm_mismatch')
    expect(body.error.message).toContain(a)
  })

  it('refuses companyinfo of another company even on its own realm path', async () => {
    const a = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/companyinfo/${freshRealm()}`, {
      headers: { cookie: await sessionCookieFor(a) },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden_path' } })
  })

  it.each([
    ['GET', 'reports/ProfitAndLoss'],
    ['POST', 'vendor'],
    ['POST', 'customer?operation=delete'],
    ['GET', 'invoice/1/pdf'],
    ['GET', 'customer/%2E%2E%2F%2E%2E%2Fcompany%2F1'],
    ['PUT', 'customer'],
  ])('refuses %s %s with 403 and a reason', async (method, path) => {
    const a = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/${path}`, {
      method,
      headers: { cookie: await sessionCookieFor(a) },
      body: method === 'GET' ? undefined : '{}',
    })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('forbidden_path')
    expect(body.error.message.length).toBeGreaterThan(10)
  })

  it.each([
    ['POST', 'invoice?operation=update&operation=delete', undefined, 'appears more than once'],
    ['GET', `query?query=${encodeURIComponent('select * from Employee')}`, undefined, 'queries of Employee'],
    ['POST', 'query', 'select * from Customer', 'not a call the app makes'],
    [
      'POST',
      'batch',
      JSON.stringify({ BatchItemRequest: [{ bId: 'b1', operation: 'create', Vendor: { DisplayName: 'x' } }] }),
      '"Vendor" is not forwarded',
    ],
    [
      'POST',
      'batch',
      JSON.stringify({ BatchItemRequest: [{ bId: 'b1', operation: 'delete', Customer: { Id: '1', SyncToken: '0' } }] }),
      'operation delete',
    ],
    [
      'POST',
      'batch',
      JSON.stringify({ BatchItemRequest: [{ bId: 'q1', Query: 'select * from Customer' }] }),
      '"Query" is not forwarded',
    ],
  ])('refuses %s %s by what it asks for, with 403 and a reason', async (method, path, body, reason) => {
    const a = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/${path}`, {
      method,
      headers: { cookie: await sessionCookieFor(a), 'content-type': 'application/json' },
      body,
    })
    expect(res.status).toBe(403)
    const refused = (await res.json()) as { error: { code: string; message: string } }
    expect(refused.error.code).toBe('forbidden_path')
    expect(refused.error.message).toContain(reason)
  })

  it('answers 400 with a reason, not 500, for a malformed percent-escape in the realm', async () => {
    const a = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/%E0%A4%A/customer/1`, {
      headers: { cookie: await sessionCookieFor(a) },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('percent-escape') },
    })
  })

  describe('body size, in bytes', () => {
    // 1.5 Mi two-byte characters: 1.5 Mi UTF-16 units, under the 2 MiB limit, but 3 MiB of UTF-8.
    const wide = JSON.stringify({ DisplayName: 'é'.repeat(1.5 * 1024 * 1024) })

    it('refuses a body whose Content-Length is over the limit', async () => {
      const a = freshRealm()
      const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer`, {
        method: 'POST',
        headers: { cookie: await sessionCookieFor(a), 'content-type': 'application/json' },
        body: wide,
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('larger than') },
      })
    })

    it('refuses a streamed body without Content-Length once its bytes pass the limit', async () => {
      const a = freshRealm()
      const bytes = new TextEncoder().encode(wide)
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024))
          controller.close()
        },
      })
      const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer`, {
        method: 'POST',
        headers: { cookie: await sessionCookieFor(a), 'content-type': 'application/json' },
        body: stream,
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('larger than') },
      })
    })

    it('passes a body under the limit on to the gate', async () => {
      const a = freshRealm()
      const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer`, {
        method: 'POST',
        headers: { cookie: await sessionCookieFor(a), 'content-type': 'application/json' },
        body: JSON.stringify({ DisplayName: 'é'.repeat(1000) }),
      })
      // This realm holds no tokens: reaching the gate is what this call can show.
      expect(await res.json()).toMatchObject({ error: { code: 'not_connected' } })
    })

    it('refuses a body that is not UTF-8', async () => {
      const a = freshRealm()
      const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer`, {
        method: 'POST',
        headers: { cookie: await sessionCookieFor(a), 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('UTF-8') },
      })
    })
  })

  it('answers not_connected for a realm without tokens', async () => {
    const a = freshRealm()
    const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer/1`, { headers: { cookie: await sessionCookieFor(a) } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'not_connected' } })
  })

  it('refuses writes from another origin, and answers no CORS preflight: the app calls its own origin', async () => {
    const a = freshRealm()
    const cookie = await sessionCookieFor(a)
    const res = await SELF.fetch(`${EDGE}/api/qbo/${a}/customer`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.test' },
      body: '{}',
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden_origin' } })
    const pre = (origin: string) =>
      SELF.fetch(`${EDGE}/api/session`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'sec-fetch-site': 'cross-site',
          'sec-fetch-mode': 'cors',
        },
      })
    for (const origin of [env.APP_ORIGIN, 'https://evil.test']) {
      const answer = await pre(origin)
      expect(answer.headers.get('access-control-allow-origin')).toBeNull()
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull()
    }
  })
})
