/**
 * The proxy's rules, request by request, through the whole edge against the emulator: each request is
 * either refused with its code and never reaches QuickBooks, or forwarded as exactly this upstream
 * method, path, query, headers and body (recorded where the edge calls fetch).
 */
import { SELF, env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { EDGE, cookieHeader } from '../../test/helpers.ts'
import { consent, freshCompany } from '../../test/emulator.ts'

interface Sent {
  method: string
  path: string
  query: string
  headers: Record<string, string>
  body: string | null
}

let realmId = ''
let cookie = ''

beforeAll(async () => {
  realmId = await freshCompany()
  const { jar } = await consent({ decision: 'connect', realmId })
  cookie = cookieHeader(jar)
})

afterEach(() => vi.restoreAllMocks())

/** Sends `init` to the proxy path and records every call the edge made to the QuickBooks API. */
async function probe(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const sent: Sent[] = []
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, requestInit) => {
    const req = new Request(input, requestInit)
    const url = new URL(req.url)
    if (url.pathname.startsWith('/v3/')) {
      const body = req.method === 'GET' ? null : await req.clone().text()
      sent.push({
        method: req.method,
        path: url.pathname,
        query: url.search,
        headers: Object.fromEntries(req.headers),
        body,
      })
    }
    return realFetch(req)
  })
  const res = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  })
  return { res, sent, text: await res.text() }
}

const json = { 'content-type': 'application/json' }
const batchOf = (...items: unknown[]) => JSON.stringify({ BatchItemRequest: items })
const deletes = batchOf(
  ...Array.from({ length: 30 }, (_, i) => ({
    bId: `d${i}`,
    operation: 'delete',
    Invoice: { Id: String(i + 1), SyncToken: '0' },
  })),
)

describe('refused, never reaching QuickBooks', () => {
  it.each([
    [
      'a permanent delete',
      'invoice?operation=delete',
      { method: 'POST', headers: json, body: '{"Id":"1","SyncToken":"0"}' },
      403,
      'forbidden_path',
    ],
    [
      'a payment delete carrying more than Id and SyncToken',
      'payment?operation=delete&requestid=r1',
      { method: 'POST', headers: json, body: '{"Id":"1","SyncToken":"0","TotalAmt":5}' },
      403,
      'forbidden_path',
    ],
    [
      'a payment delete without its SyncToken',
      'payment?operation=delete&requestid=r1',
      { method: 'POST', headers: json, body: '{"Id":"1"}' },
      403,
      'forbidden_path',
    ],
    [
      'a payment delete in a batch',
      'batch?requestid=b1',
      {
        method: 'POST',
        headers: json,
        body: batchOf({ bId: 'd', operation: 'delete', Payment: { Id: '1', SyncToken: '0' } }),
      },
      403,
      'forbidden_path',
    ],
    [
      'a batch of 30 deletes',
      'batch?requestid=b1',
      { method: 'POST', headers: json, body: deletes },
      403,
      'forbidden_path',
    ],
    [
      'a form-encoded query',
      'query',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=select * from Customer',
      },
      403,
      'forbidden_path',
    ],
    [
      'a JSON query',
      'query',
      { method: 'POST', headers: json, body: '"select * from Customer"' },
      403,
      'forbidden_path',
    ],
    [
      'a ;-smuggled query',
      `query?query=${encodeURIComponent('select * from Customer')};query=${encodeURIComponent('select * from Employee')}`,
      {},
      403,
      'forbidden_path',
    ],
    [
      'a duplicated parameter',
      'invoice?requestid=r1&operation=update&operation=delete',
      { method: 'POST', headers: json, body: '{}' },
      403,
      'forbidden_path',
    ],
    [
      'a batch naming its items twice',
      'batch?requestid=b1',
      {
        method: 'POST',
        headers: json,
        body: `{"BatchItemRequest":[{"bId":"a","operation":"create","Customer":{}}],"BatchItemRequest":${deletes.slice(20, -1)}}`,
      },
      403,
      'forbidden_path',
    ],
    [
      'a write sent as text/plain',
      'customer?requestid=r1',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"DisplayName":"x"}' },
      403,
      'forbidden_path',
    ],
    [
      'a write whose body is not an object',
      'customer?requestid=r1',
      { method: 'POST', headers: json, body: '[{"DisplayName":"x"}]' },
      403,
      'forbidden_path',
    ],
    [
      'a cross-site navigation',
      'customer/1',
      { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } },
      403,
      'forbidden_origin',
    ],
    [
      'a same-site fetch',
      'customer/1',
      { headers: { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' } },
      403,
      'forbidden_origin',
    ],
    [
      'a typed-in URL',
      'customer/1',
      { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } },
      403,
      'forbidden_origin',
    ],
    [
      'a same-origin navigation',
      'customer/1',
      { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } },
      403,
      'forbidden_origin',
    ],
    [
      'a write from another origin',
      'customer?requestid=r1',
      { method: 'POST', headers: { ...json, origin: 'https://evil.test' }, body: '{}' },
      403,
      'forbidden_origin',
    ],
  ])('%s', async (_what, path, init, status, code) => {
    const { res, sent, text } = await probe(path, init)
    expect(sent).toEqual([])
    expect(res.status).toBe(status)
    expect(JSON.parse(text)).toMatchObject({ error: { code } })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })
})

describe('forwarded in the form it was checked', () => {
  const bearer = expect.stringMatching(/^Bearer \S+$/)
  const R = () => `/v3/company/${realmId}`

  it.each([
    [
      'a read by id',
      'customer/1',
      {},
      () => ({ method: 'GET', path: `${R()}/customer/1`, query: '?minorversion=75', body: null }),
    ],
    [
      'a query, its parameter re-encoded',
      `query?query=${encodeURIComponent('select * from Customer maxresults 1')}`,
      {},
      () => ({
        method: 'GET',
        path: `${R()}/query`,
        query: '?query=select+*+from+Customer+maxresults+1&minorversion=75',
        body: null,
      }),
    ],
    [
      'a CDC pull',
      'cdc?changedSince=2026-01-01T00%3A00%3A00Z&entities=Customer%2CInvoice',
      {},
      () => ({
        method: 'GET',
        path: `${R()}/cdc`,
        query: '?entities=Customer%2CInvoice&changedSince=2026-01-01T00%3A00%3A00Z&minorversion=75',
        body: null,
      }),
    ],
    [
      'a create, its body re-serialized',
      'customer?requestid=rules-create-1',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{ "DisplayName" : "Rules \\u0041cme" }',
      },
      () => ({
        method: 'POST',
        path: `${R()}/customer`,
        query: '?requestid=rules-create-1&minorversion=75',
        body: '{"DisplayName":"Rules Acme"}',
      }),
    ],
    [
      'an invoice void',
      'invoice?operation=void&requestid=rules-void-1',
      { method: 'POST', headers: json, body: '{"Id":"1","SyncToken":"0"}' },
      () => ({
        method: 'POST',
        path: `${R()}/invoice`,
        query: '?requestid=rules-void-1&operation=void&minorversion=75',
        body: '{"Id":"1","SyncToken":"0"}',
      }),
    ],
    [
      'a payment delete, exactly Id and SyncToken',
      'payment?operation=delete&requestid=rules-delete-1',
      { method: 'POST', headers: json, body: '{ "SyncToken": "0", "Id": "1" }' },
      () => ({
        method: 'POST',
        path: `${R()}/payment`,
        query: '?requestid=rules-delete-1&operation=delete&minorversion=75',
        body: '{"SyncToken":"0","Id":"1"}',
      }),
    ],
    [
      'a batch of creates',
      'batch?requestid=rules-batch-1',
      {
        method: 'POST',
        headers: json,
        body: `{\n  "BatchItemRequest": [ {"bId":"1","operation":"create","Item":{"Name":"Rules widget","Type":"Service"}} ]\n}`,
      },
      () => ({
        method: 'POST',
        path: `${R()}/batch`,
        query: '?requestid=rules-batch-1&minorversion=75',
        body: '{"BatchItemRequest":[{"bId":"1","operation":"create","Item":{"Name":"Rules widget","Type":"Service"}}]}',
      }),
    ],
  ] as const)('%s', async (_what, path, given, expected) => {
    const init: { method?: string; headers?: Record<string, string>; body?: string } = given
    const { res, sent } = await probe(path, {
      ...init,
      headers: { ...init.headers, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
    })
    const want = expected()
    expect(sent).toHaveLength(1)
    const [call] = sent
    expect({ ...call, headers: undefined }).toEqual({ ...want, headers: undefined })
    const headers: Record<string, unknown> = { accept: 'application/json', authorization: bearer }
    if (want.method === 'POST') headers['content-type'] = 'application/json'
    expect(call!.headers).toEqual(headers)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })
})

describe('quiet errors', () => {
  it('tells the browser only that the edge is not configured', async () => {
    const { app } = await import('../app.ts')
    const partial = await app.request('/api/session', {}, { REALM_GATE: env.REALM_GATE, APP_ORIGIN: env.APP_ORIGIN })
    const body = (await partial.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('config_missing')
    expect(body.error.message).not.toMatch(/[A-Z]{2,}_[A-Z]/)
  })
})
