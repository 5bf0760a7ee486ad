import { describe, expect, it } from 'vitest'
import { sparseUpdate } from './sparse.ts'

const target = { Id: '7', SyncToken: '4' }

describe('sparseUpdate', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown> | undefined]>([
    ['nothing changed → nothing to send', { Name: 'A', UnitPrice: 5 }, { Name: 'A', UnitPrice: 5 }, undefined],
    ['a changed field only', { Name: 'A', UnitPrice: 6 }, { Name: 'A', UnitPrice: 5 }, { UnitPrice: 6 }],
    [
      'objects compare by value',
      { BillAddr: { City: 'X', Line1: 'y' } },
      { BillAddr: { Line1: 'y', City: 'X' } },
      undefined,
    ],
    ['a removed text field is blanked', { Name: 'A' }, { Name: 'A', Description: 'old' }, { Description: '' }],
    [
      'a removed object is blanked member by member',
      { Name: 'A' },
      { Name: 'A', PrimaryEmailAddr: { Address: 'a@x.y' } },
      { PrimaryEmailAddr: { Address: '' } },
    ],
    [
      'a removed list is emptied (a payment unapplied)',
      { TotalAmt: 1 },
      { TotalAmt: 1, Line: [{ Amount: 1 }] },
      { Line: [] },
    ],
    ['names are never blanked', {}, { DisplayName: 'A', Name: 'B' }, undefined],
    ['no previous body: everything is sent', { Name: 'A' }, undefined, { Name: 'A' }],
    [
      'Id, SyncToken and sparse in the bodies are ignored',
      { Id: '1', SyncToken: '0', sparse: false, Name: 'A' },
      { Name: 'A' },
      undefined,
    ],
  ])('%s', (_n, next, previous, changes) => {
    expect(sparseUpdate(target, next, previous)).toStrictEqual(
      changes === undefined ? undefined : { ...target, sparse: true, ...changes },
    )
  })
})
