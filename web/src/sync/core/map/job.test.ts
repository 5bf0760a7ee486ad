import { describe, expect, it } from 'vitest'
import { jobToSubCustomer } from './job.ts'
import { resolverFrom } from './refs.ts'
import { testLocalId } from '../../test-support/local-ids.ts'
import customerSubcustomerJobEntityOnly from '#fixtures/qbo/customer/subcustomer-job-entity-only.nango.json' with { type: 'json' }

const c1 = testLocalId(1)
const c2 = testLocalId(2)
const ref = resolverFrom((r) => (r.localId === c1 ? '58' : undefined))

describe('jobToSubCustomer', () => {
  it.each<[string, Parameters<typeof jobToSubCustomer>[0], Record<string, unknown>]>([
    [
      'an open job is an active sub-customer of its contact, billed with the parent',
      { name: 'Kitchen remodel', contactId: c1, status: 'open' },
      { DisplayName: 'Kitchen remodel', Job: true, BillWithParent: true, ParentRef: { value: '58' }, Active: true },
    ],
    ['a cancelled job is inactive', { name: 'Deck', contactId: c1, status: 'cancelled' }, { Active: false }],
    [
      'a parent not in QuickBooks yet is a placeholder',
      { name: 'Deck', contactId: c2, status: 'done' },
      { ParentRef: { value: `@@ref:contact:${c2}` } },
    ],
    [
      'the job number leads the name',
      { name: 'Oak Ave boiler', number: 'J-104', contactId: c1, status: 'open' },
      { DisplayName: 'J-104 Oak Ave boiler' },
    ],
    [
      'colons leave the name (QuickBooks uses them for Parent:Job)',
      { name: 'Phase: 2', contactId: c1, status: 'open' },
      { DisplayName: 'Phase 2' },
    ],
  ])('%s', (_n, job, expected) => {
    const r = jobToSubCustomer(job, { ref })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value).toMatchObject(expected)
  })
})

describe('a sub-customer as QuickBooks records one', () => {
  it('carries the fields a recorded job has: Job, ParentRef to the parent and the name under it', () => {
    const recorded = customerSubcustomerJobEntityOnly as Record<string, unknown>
    const parentRef = resolverFrom(() => (recorded['ParentRef'] as { value: string }).value)
    const r = jobToSubCustomer(
      { name: String(recorded['DisplayName']), contactId: c1, status: 'open' },
      { ref: parentRef },
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value).toMatchObject({
      DisplayName: recorded['DisplayName'],
      Job: recorded['Job'],
      ParentRef: recorded['ParentRef'],
      Active: recorded['Active'],
    })
    // QuickBooks names it Parent:Job; the body never sends that, only the parent's Id.
    expect(r.value.value).not.toHaveProperty('FullyQualifiedName')
  })
})
