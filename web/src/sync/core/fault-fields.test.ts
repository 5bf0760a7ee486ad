/** Faults that point at a field, and the words the user reads for it. */
import { describe, expect, it } from 'vitest'
import { classifyFault } from './faults.ts'
import type { FaultInput, SyncFault } from './fault-types.ts'
// Real Intuit fault bodies (see the fixtures' SOURCES.md).
import { faultValidation6240DuplicateNameCustomer as dup6240 } from '../test-support/qbo-fixtures.ts'

const http = (status: number, body?: unknown): FaultInput => ({ type: 'http', status, body })

type Expected = Pick<SyncFault, 'kind' | 'retryable' | 'action' | 'code'> & Partial<SyncFault>

const cases: [string, FaultInput, Expected][] = [
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
    { kind: 'duplicate', retryable: false, action: 'use-next-number', code: '6140', field: 'DocNumber' },
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
]

describe('classifyFault naming the field', () => {
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
