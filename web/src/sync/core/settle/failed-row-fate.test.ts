import { describe, expect, it } from 'vitest'
import type { OutboxRow } from '#shared/domain/index.ts'
import { failedRowFate, type FailedRowFate } from './failure.ts'

type Row = { seq: number; op: OutboxRow['op'] }
const update: Row = { seq: 1, op: 'update' }
const turnedCreate: Row = { seq: 1, op: 'create' }
const recreate: Row = { seq: 2, op: 'create' }

describe('failedRowFate', () => {
  const cases: [string, Row, boolean, Row[], FailedRowFate][] = [
    ['nothing unlinked: the row carries the error', update, false, [update], 'mark'],
    ['a failed create is marked whatever else is queued', turnedCreate, false, [turnedCreate, recreate], 'mark'],
    ['unlinked, the row itself is now the recreate: left alone', turnedCreate, true, [turnedCreate], 'keep'],
    ['unlinked, another row recreates the record: this one goes', update, true, [update, recreate], 'drop'],
    ['unlinked with no recreate (links cleared): the edit is kept, marked', update, true, [update], 'mark'],
    [
      'a create among the failed rows themselves is no recreate',
      update,
      true,
      [update, { seq: 3, op: 'create' }],
      'mark',
    ],
  ]
  it.each(cases)('%s', (_name, row, unlinkedSince, rows, fate) => {
    const failedSeqs = new Set(rows.filter((r) => r.seq !== 2).map((r) => r.seq))
    expect(failedRowFate({ row, unlinkedSince, recordRows: () => rows, failedSeqs })).toBe(fate)
  })
})
