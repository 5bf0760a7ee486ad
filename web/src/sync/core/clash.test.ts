import { describe, expect, it } from 'vitest'
import { nameTheClash } from './clash.ts'
import type { SyncFault } from './fault-types.ts'

const dup: SyncFault = {
  kind: 'duplicate',
  retryable: false,
  action: 'rename-or-link',
  code: '6240',
  userMessage: 'Duplicate name.',
  conflictingId: '58',
}

describe('nameTheClash', () => {
  it.each<[string, Record<string, unknown> | undefined, string]>([
    [
      'an active customer',
      { DisplayName: 'Ann Lee' },
      'QuickBooks already has a customer named "Ann Lee" (Id 58). Rename this contact, or link it to that customer.',
    ],
    [
      'an inactive customer',
      { DisplayName: 'Ann Lee', Active: false },
      'QuickBooks already has an inactive customer named ' +
        '"Ann Lee" (Id 58). Rename this contact, or link it to that customer, which makes it active again.',
    ],
    ['a record not found (a vendor, say)', undefined, 'Duplicate name.'],
    ['a record without a name', { Id: '58' }, 'Duplicate name.'],
  ])('names %s', (_name, clash, message) => {
    expect(nameTheClash('contact', dup, clash).userMessage).toBe(message)
  })
})
