import { describe, expect, it } from 'vitest'
import { failedRowFate, type FailedRowFate } from './failure.ts'

describe('failedRowFate', () => {
  const cases: [string, Parameters<typeof failedRowFate>[0], FailedRowFate][] = [
    [
      'nothing unlinked: the row carries the error',
      { row: { op: 'update' }, unlinkedSince: false, recreateQueued: false },
      'mark',
    ],
    [
      'a failed create is marked whatever else is queued',
      { row: { op: 'create' }, unlinkedSince: false, recreateQueued: true },
      'mark',
    ],
    [
      'unlinked, the row itself is now the recreate: left alone',
      { row: { op: 'create' }, unlinkedSince: true, recreateQueued: false },
      'keep',
    ],
    [
      'unlinked, another row recreates the record: this one goes',
      { row: { op: 'update' }, unlinkedSince: true, recreateQueued: true },
      'drop',
    ],
    [
      'unlinked with no recreate (links cleared): the edit is kept, marked',
      { row: { op: 'update' }, unlinkedSince: true, recreateQueued: false },
      'mark',
    ],
  ]
  it.each(cases)('%s', (_name, args, fate) => {
    expect(failedRowFate(args)).toBe(fate)
  })
})
