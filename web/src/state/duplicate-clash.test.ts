import { describe, expect, it } from 'vitest'
import { clashIn, clashWords, isLinkable } from './duplicate-clash.ts'
import type { SyncKind } from '#shared/domain/index.ts'

describe('clashIn', () => {
  it.each([
    [
      'QuickBooks already has a customer named "Ann Lee" (Id 58). Rename this contact, or link it to that customer.',
      { qboId: '58', name: 'Ann Lee' },
    ],
    [
      'QuickBooks already has an inactive item named "Pipe (1/2")" (Id 7). ' +
        'Rename this item, or link it to that item, which makes it active again.',
      { qboId: '7', name: 'Pipe (1/2")' },
    ],
    // A bare Id may be a vendor's or an employee's: not linkable as a customer.
    ['Another record already uses this name. The QuickBooks record with Id 912 has this name.', undefined],
    ['Another record already uses this name.', undefined],
    ['QuickBooks refused the amount.', undefined],
  ])('%s', (text, want) => {
    expect(clashIn(text)).toEqual(want)
  })
})

describe('clashWords', () => {
  it('names the record by its kind, name and Id', () => {
    expect(clashWords('contact', { qboId: '58', name: 'Ann Lee' })).toBe('the QuickBooks customer "Ann Lee" (Id 58)')
    expect(clashWords('item', { qboId: '7', name: 'Pipe' })).toBe('the QuickBooks item "Pipe" (Id 7)')
  })
})

describe('isLinkable', () => {
  it('offers Link for contacts, jobs and items only', () => {
    const kinds: (SyncKind | undefined)[] = ['contact', 'job', 'item', 'invoice', 'payment', undefined]
    expect(kinds.map(isLinkable)).toEqual([true, true, true, false, false, false])
  })
})
