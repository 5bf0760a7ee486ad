import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { SyncLogRow } from '#shared/domain/index.ts'
import { foldRepeats, repeatOf } from './log-repeats.ts'

let seq = 0
const row = (localId: string, status: SyncLogRow['status'], details: string, at: string): SyncLogRow => ({
  seq: ++seq,
  at,
  kind: 'contact',
  localId: localId as SyncLogRow['localId'],
  label: localId,
  direction: 'push',
  status,
  details,
})
const refused = 'QuickBooks already has a customer named "Mark Cho".'

describe('one error row per record and cause', () => {
  it('three taps of the same refusal read as one row: three times, first and last time', () => {
    const rows = [
      row('c1', 'error', refused, '2026-03-01T10:03:00.000Z'),
      row('c1', 'error', refused, '2026-03-01T10:02:00.000Z'),
      row('c1', 'error', refused, '2026-03-01T10:01:00.000Z'),
    ]
    expect(foldRepeats(rows).map((r) => [r.count, r.at, r.firstAt])).toStrictEqual([
      [3, '2026-03-01T10:03:00.000Z', '2026-03-01T10:01:00.000Z'],
    ])
  })

  it.each<[string, SyncLogRow, SyncLogRow]>([
    ['another record', row('c1', 'error', refused, 'a'), row('c2', 'error', refused, 'b')],
    ['another cause', row('c1', 'error', refused, 'a'), row('c1', 'error', 'Something else.', 'b')],
    ['news is never folded', row('c1', 'synced', 'Created', 'a'), row('c1', 'synced', 'Created', 'b')],
  ])('keeps two rows for %s', (_n, a, b) => {
    expect(foldRepeats([a, b])).toHaveLength(2)
    expect(repeatOf(a, b)).toBeUndefined()
  })

  it('a stored row repeated is updated in place: same seq, one more, the new time', () => {
    const first = row('c1', 'error', refused, '2026-03-01T10:01:00.000Z')
    const again = repeatOf(first, { ...row('c1', 'error', refused, '2026-03-01T10:02:00.000Z') })
    expect(again).toMatchObject({ seq: first.seq, count: 2, at: '2026-03-01T10:02:00.000Z', firstAt: first.at })
    expect(repeatOf(again, row('c1', 'error', refused, '2026-03-01T10:03:00.000Z'))?.count).toBe(3)
  })

  it('folding keeps every event counted and no two rows of one cause', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('c1', 'c2'), cause: fc.constantFrom('x', 'y'), ok: fc.boolean() })),
        (events) => {
          const rows = events.map((e, i) =>
            row(e.id, e.ok ? 'synced' : 'error', e.cause, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
          )
          const folded = foldRepeats(rows.slice().reverse())
          expect(folded.reduce((n, r) => n + r.count, 0)).toBe(rows.length)
          const errors = folded.filter((r) => r.status === 'error').map((r) => `${r.localId}|${r.details}`)
          expect(new Set(errors).size).toBe(errors.length)
        },
      ),
    )
  })
})
