import { describe, expect, it } from 'vitest'
import { QBO_FAULTS } from '#shared/qbo/index.ts'
import { classifyFault, parseFaultBody } from './faults.ts'
import type { FaultInput, SyncFault } from './fault-types.ts'
// Real Intuit fault bodies (see the fixtures' SOURCES.md).
import {
  faultAttachable6000BusinessValidation as attachable6000,
  faultAuthentication3200401MalformedToken as malformed3200,
  faultAuthentication3200401TokenExpired as expired3200,
  faultAuthorization3100403 as authz3100,
  faultValidation2010UnsupportedProperty as unsupported2010,
  faultValidation2030InvalidIdNoTime as invalidId2030,
  faultValidation4001InvalidQuery as query4001,
  faultValidation500UnsupportedOperation as op500,
  faultValidation6240DuplicateNameCustomer as dup6240,
  batchSample62406105010Query as batchFaults,
  batchCreateFault610Fault5010Query as batchFaults2020,
} from '../test-support/qbo-fixtures.ts'

const http = (status: number, body?: unknown): FaultInput => ({ type: 'http', status, body })
const batchItem = (i: number, fixture: { BatchItemResponse: unknown[] }): FaultInput => ({
  type: 'batchItem',
  item: fixture.BatchItemResponse[i],
})

type Expected = Pick<SyncFault, 'kind' | 'retryable' | 'action' | 'code'> & Partial<SyncFault>

const XML_THROTTLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2024-09-10T05:00:00.000-07:00">
  <Fault type="SERVICE"><Error code="3001">
    <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
    <Detail>The request limit was reached.  Try again later</Detail>
  </Error></Fault></IntuitResponse>`

const cases: [string, FaultInput, Expected][] = [
  [
    'expired token (lower-case fault, 401)',
    http(401, expired3200),
    {
      kind: 'auth',
      retryable: false,
      action: 'reconnect',
      code: '3200',
      httpStatus: 401,
      detail: 'Token expired: <REDACTED_TOKEN>',
    },
  ],
  [
    'malformed token (lower-case fault, 401)',
    http(401, malformed3200),
    { kind: 'auth', retryable: false, action: 'reconnect', code: '3200' },
  ],
  [
    'authorization failed 3100 (403)',
    http(403, authz3100),
    { kind: 'auth', retryable: false, action: 'reconnect', code: '3100' },
  ],
  [
    '3100 seen as an internal error (500) is transient',
    http(500, authz3100),
    { kind: 'transient', retryable: true, action: 'retry', code: '3100' },
  ],
  [
    'duplicate name 6240',
    http(400, dup6240),
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240', field: 'DisplayName' },
  ],
  [
    'business validation 6000 inside AttachableResponse',
    http(400, attachable6000),
    { kind: 'validation', retryable: false, action: 'fix-field', code: '6000' },
  ],
  [
    'unsupported property 2010',
    http(400, unsupported2010),
    { kind: 'validation', retryable: false, action: 'fix-field', code: '2010' },
  ],
  [
    'invalid id 2030 names its element',
    http(400, invalidId2030),
    {
      kind: 'validation',
      retryable: false,
      action: 'fix-field',
      code: '2030',
      field: 'Id',
      detail: 'Id should be a valid number. Supplied value:1.5',
    },
  ],
  [
    "invalid query 4001 is a bug of ours, not the user's",
    http(400, query4001),
    { kind: 'fatal', retryable: false, action: 'none', code: '4001' },
  ],
  [
    'unsupported operation 500 (a code, not a status)',
    http(400, op500),
    { kind: 'validation', retryable: false, action: 'fix-field', code: '500' },
  ],
  [
    'batch item 6240',
    batchItem(0, batchFaults),
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240' },
  ],
  [
    'batch item 610',
    batchItem(1, batchFaults),
    { kind: 'notFound', retryable: false, action: 'unlink-and-recreate', code: '610' },
  ],
  [
    'batch item 5010',
    batchItem(2, batchFaults),
    { kind: 'stale', retryable: true, action: 'refetch-merge-retry', code: '5010' },
  ],
  [
    'recorded batch item 610',
    batchItem(1, batchFaults2020),
    { kind: 'notFound', retryable: false, action: 'unlink-and-recreate', code: '610' },
  ],
  [
    'recorded batch item 5010',
    batchItem(2, batchFaults2020),
    { kind: 'stale', retryable: true, action: 'refetch-merge-retry', code: '5010' },
  ],
  [
    'XML throttle body with 429',
    http(429, XML_THROTTLE),
    {
      kind: 'rateLimit',
      retryable: true,
      action: 'backoff',
      code: '3001',
      retryAfterMs: 60_000,
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
    'string-length 2050 points at its element',
    http(400, {
      Fault: { Error: [{ code: '2050', Message: 'String length', element: 'GivenName' }], type: 'ValidationFault' },
    }),
    { kind: 'validation', retryable: false, action: 'fix-field', code: '2050', field: 'GivenName' },
  ],
  [
    'duplicate DocNumber 6140',
    http(400, {
      Fault: { Error: [{ code: '6140', Message: 'Duplicate Document Number Error' }], type: 'ValidationFault' },
    }),
    { kind: 'duplicate', retryable: false, action: 'fix-field', code: '6140', field: 'DocNumber' },
  ],
  [
    'a duplicate item name points at Name',
    { type: 'http', status: 400, body: dup6240, entity: 'Item' },
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240', field: 'Name' },
  ],
  [
    'duplicate naming the clashing record',
    http(400, { Fault: { Error: [{ code: '6240', Detail: 'The name supplied already exists. : Id=58' }] } }),
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240', conflictingId: '58' },
  ],
  [
    'JSON fault sent as text',
    http(400, JSON.stringify(dup6240)),
    { kind: 'duplicate', retryable: false, action: 'rename-or-link', code: '6240' },
  ],
  [
    'business validation 6000 naming an account says where to change it',
    http(400, {
      Fault: {
        Error: [
          {
            code: '6000',
            Message: 'A business validation error has occurred while processing your request',
            Detail: 'Business Validation Error: IncomeAccountRef must be an income account.',
            element: 'IncomeAccountRef',
          },
        ],
        type: 'ValidationFault',
      },
    }),
    {
      kind: 'validation',
      action: 'fix-field',
      code: '6000',
      field: 'IncomeAccountRef',
      retryable: false,
      userMessage:
        'QuickBooks rejected this record as incomplete or inconsistent. Check the default income account in Settings → QuickBooks, then try again.',
    },
  ],
  [
    'required field 2020 names a nested element in words',
    http(400, {
      Fault: {
        Error: [{ code: '2020', Message: 'Required param missing', element: 'Line.Amount' }],
        type: 'ValidationFault',
      },
    }),
    {
      kind: 'validation',
      action: 'fix-field',
      code: '2020',
      field: 'Line.Amount',
      retryable: false,
      userMessage: 'QuickBooks needs a field that is empty here. Check the invoice lines, then try again.',
    },
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

describe('classifyFault', () => {
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

describe('the shared fault list', () => {
  it.each(Object.entries(QBO_FAULTS))('classifies %s, retrying only what can succeed unchanged', (name, info) => {
    const body = { Fault: { Error: [{ Message: info.message, code: info.code }], type: info.type } }
    const f = classifyFault(http(info.httpStatus, body))
    expect(f.code).toBe(info.code)
    expect(f.retryable).toBe(['throttled', 'staleObject', 'internalError'].includes(name))
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
