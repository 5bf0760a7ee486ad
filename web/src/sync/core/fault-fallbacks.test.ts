/** Throttles, bare HTTP statuses, unknown codes, bodies sent as text, the edge's stored codes and no network. */
import { describe, expect, it } from 'vitest'
import { classifyFault, parseFaultBody } from './faults.ts'
import type { FaultInput, SyncFault } from './fault-types.ts'
// Real Intuit fault bodies (see the fixtures' SOURCES.md).
import { faultValidation6240DuplicateNameCustomer as dup6240 } from '../test-support/qbo-fixtures.ts'

const http = (status: number, body?: unknown): FaultInput => ({ type: 'http', status, body })

type Expected = Pick<SyncFault, 'kind' | 'retryable' | 'action' | 'code'> & Partial<SyncFault>

const XML_THROTTLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2024-09-10T05:00:00.000-07:00">
  <Fault type="SERVICE"><Error code="3001">
    <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
    <Detail>The request limit was reached.  Try again later</Detail>
  </Error></Fault></IntuitResponse>`

const cases: [string, FaultInput, Expected][] = [
  [
    'XML throttle body with 429',
    http(429, XML_THROTTLE),
    {
      kind: 'rateLimit',
      retryable: true,
      action: 'backoff',
      code: '3001',
      // No Retry-After: no wait is made up, so the short throttle steps apply.
      detail: 'The request limit was reached.  Try again later',
    },
  ],
  [
    'old-style 403 throttle',
    http(403, XML_THROTTLE.replace('statusCode=429', 'statusCode=403')),
    { kind: 'rateLimit', retryable: true, action: 'backoff', code: '3001' },
  ],
  [
    '429 without a body honours the edge retryAfterMs',
    { type: 'http', status: 429, retryAfterMs: 1500 },
    { kind: 'rateLimit', retryable: true, action: 'backoff', code: 'http-429', retryAfterMs: 1500 },
  ],
  ['401 without a body', http(401), { kind: 'auth', retryable: false, action: 'reconnect', code: 'http-401' }],
  ['403 without a body', http(403), { kind: 'auth', retryable: false, action: 'reconnect', code: 'http-403' }],
  ['500 without a body', http(500), { kind: 'transient', retryable: true, action: 'retry', code: 'http-500' }],
  [
    '503 with an HTML page',
    http(503, '<html>Service Unavailable</html>'),
    { kind: 'transient', retryable: true, action: 'retry', code: 'http-503' },
  ],
  ['400 without a body', http(400), { kind: 'validation', retryable: false, action: 'fix-field', code: 'http-400' }],
  [
    '200 that still carries a Fault (6190 subscription)',
    http(200, { Fault: { Error: [{ code: '6190', Message: 'Invalid Company Status' }], type: 'ValidationFault' } }),
    { kind: 'fatal', retryable: false, action: 'none', code: '6190' },
  ],
  [
    'SystemFault 10000',
    http(500, {
      Fault: { Error: [{ code: '10000', Message: 'An application error has occurred' }], type: 'SystemFault' },
    }),
    { kind: 'transient', retryable: true, action: 'retry', code: '10000' },
  ],
  [
    'unknown ValidationFault code falls back on its type',
    http(400, { Fault: { Error: [{ code: '9999' }], type: 'ValidationFault' } }),
    { kind: 'validation', retryable: false, action: 'fix-field', code: '9999' },
  ],
  [
    'JSON fault sent as text',
    http(400, JSON.stringify(dup6240)),
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240' },
  ],
  // What the record's row re-reads from an outbox row that kept the edge's own code.
  ...(['needs_reconnect', 'session_ended', 'not_connected', 'unauthenticated'] as const).map(
    (code): [string, FaultInput, Expected] => [
      `the edge's ${code}, as stored`,
      http(400, { Fault: { Error: [{ code }], type: 'ValidationFault' } }),
      { kind: 'auth', retryable: false, action: 'reconnect', code },
    ],
  ),
  [
    "the edge's device_removed, as stored: stops like a lost connection, no reconnect offered",
    http(400, { Fault: { Error: [{ code: 'device_removed' }], type: 'ValidationFault' } }),
    { kind: 'auth', retryable: false, action: 'none', code: 'device_removed' },
  ],
  [
    "the edge's forbidden_role, as stored: refused, not retried",
    http(400, { Fault: { Error: [{ code: 'forbidden_role' }], type: 'ValidationFault' } }),
    { kind: 'fatal', retryable: false, action: 'none', code: 'forbidden_role' },
  ],
  [
    "the edge's intuit_unavailable, as stored",
    http(400, { Fault: { Error: [{ code: 'intuit_unavailable' }], type: 'ValidationFault' } }),
    { kind: 'transient', retryable: true, action: 'retry', code: 'intuit_unavailable' },
  ],
  [
    "the edge's paced, as stored",
    http(400, { Fault: { Error: [{ code: 'paced' }], type: 'ValidationFault' } }),
    { kind: 'rateLimit', retryable: true, action: 'backoff', code: 'paced' },
  ],
  [
    'network gone',
    { type: 'network', message: 'Failed to fetch' },
    { kind: 'transient', retryable: true, action: 'retry', code: 'network', detail: 'Failed to fetch' },
  ],
]

describe('classifyFault without a known Intuit code', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const fault = classifyFault(input)
    expect(fault).toMatchObject(expected)
    expect(fault.userMessage).toMatch(/^[A-Z].*\.$/)
    expect(fault.userMessage).not.toMatch(/Fault|errorCode|statusCode/)
  })

  it('never reports a retryable fault whose action needs the user', () => {
    for (const [, input] of cases) {
      const f = classifyFault(input)
      if (f.retryable) expect(['backoff', 'retry', 'refetch-merge-retry']).toContain(f.action)
    }
  })
})

describe('parseFaultBody', () => {
  it.each([
    ['a success body', { Customer: { Id: '1' } }],
    ['a batch item that succeeded', { bId: 'b1', Customer: { Id: '1' } }],
    ['null', null],
    ['plain text', 'Bad Gateway'],
  ])('finds no fault in %s', (_n, body) => {
    expect(parseFaultBody(body)).toBeUndefined()
  })
})
