/** Recorded Intuit faults, single and in batches, and every code in the shared list. */
import { describe, expect, it } from 'vitest'
import { QBO_FAULTS } from '#shared/qbo/index.ts'
import { classifyFault } from './faults.ts'
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
]

describe('classifyFault on recorded Intuit faults', () => {
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
