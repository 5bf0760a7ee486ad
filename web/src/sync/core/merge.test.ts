import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonical, merge, type MergeInput, type MergeResult } from './merge.ts'

const T1 = '2026-03-01T10:00:00-08:00'
const T2 = '2026-03-01T19:00:00Z' // an hour after T1, written with another offset

const cases: [string, MergeInput, Partial<MergeResult>][] = [
  [
    'a field changed here goes to QuickBooks',
    {
      base: { phone: '1', email: 'a@x' },
      local: { phone: '2', email: 'a@x' },
      remote: { phone: '1', email: 'a@x' },
      localChangedAt: 1,
      remoteChangedAt: 2,
    },
    { merged: { phone: '2', email: 'a@x' }, conflicts: [], toRemote: ['phone'], toLocal: [] },
  ],
  [
    'a field changed in QuickBooks comes here',
    { base: { phone: '1' }, local: { phone: '1' }, remote: { phone: '3' }, localChangedAt: 2, remoteChangedAt: 1 },
    { merged: { phone: '3' }, conflicts: [], toRemote: [], toLocal: ['phone'] },
  ],
  [
    'different fields changed on each side both survive',
    { base: { a: 1, b: 1 }, local: { a: 2, b: 1 }, remote: { a: 1, b: 3 }, localChangedAt: 1, remoteChangedAt: 2 },
    { merged: { a: 2, b: 3 }, conflicts: [], toRemote: ['a'], toLocal: ['b'] },
  ],
  [
    'both changed to the same value is no conflict',
    { base: { a: 1 }, local: { a: 5 }, remote: { a: 5 }, localChangedAt: 1, remoteChangedAt: 2 },
    { merged: { a: 5 }, conflicts: [], toRemote: [], toLocal: [] },
  ],
  [
    'both changed: the more recent side wins, and the conflict keeps both values (offsets compared as instants)',
    {
      base: { email: 'a@x' },
      local: { email: 'l@x' },
      remote: { email: 'r@x' },
      localChangedAt: T2,
      remoteChangedAt: T1,
    },
    {
      merged: { email: 'l@x' },
      conflicts: [{ field: 'email', base: 'a@x', local: 'l@x', remote: 'r@x', winner: 'local' }],
      toRemote: ['email'],
      toLocal: [],
    },
  ],
  [
    'both changed, QuickBooks more recent: remote wins',
    {
      base: { email: 'a@x' },
      local: { email: 'l@x' },
      remote: { email: 'r@x' },
      localChangedAt: T1,
      remoteChangedAt: T2,
    },
    { merged: { email: 'r@x' }, toRemote: [], toLocal: ['email'] },
  ],
  [
    'a field cleared on one side is cleared',
    {
      base: { notes: 'x', a: 1 },
      local: { a: 1 },
      remote: { notes: 'x', a: 1 },
      localChangedAt: 1,
      remoteChangedAt: 2,
    },
    { merged: { a: 1 }, conflicts: [], toRemote: ['notes'], toLocal: [] },
  ],
  [
    'objects compare by value, not key order',
    {
      base: { addr: { city: 'A', zip: '1' } },
      local: { addr: { zip: '1', city: 'A' } },
      remote: { addr: { city: 'B', zip: '1' } },
      localChangedAt: 2,
      remoteChangedAt: 1,
    },
    { merged: { addr: { city: 'B', zip: '1' } }, conflicts: [], toLocal: ['addr'] },
  ],
  [
    'lines merge as one field',
    {
      base: { lines: [1, 2] },
      local: { lines: [1, 2, 3] },
      remote: { lines: [2] },
      localChangedAt: 1,
      remoteChangedAt: 2,
    },
    {
      merged: { lines: [2] },
      conflicts: [{ field: 'lines', base: [1, 2], local: [1, 2, 3], remote: [2], winner: 'remote' }],
    },
  ],
  [
    'never synced: every difference is a conflict',
    { base: undefined, local: { a: 1, b: 2 }, remote: { a: 1, b: 3 }, localChangedAt: 5, remoteChangedAt: 1 },
    { merged: { a: 1, b: 2 }, conflicts: [{ field: 'b', base: undefined, local: 2, remote: 3, winner: 'local' }] },
  ],
  [
    "owned fields take their owner's value without a conflict",
    {
      base: { balance: 100, memo: 'a' },
      local: { balance: 50, memo: 'b' },
      remote: { balance: 0, memo: 'a' },
      localChangedAt: 9,
      remoteChangedAt: 1,
      owners: { balance: 'remote' },
    },
    { merged: { balance: 0, memo: 'b' }, conflicts: [], toRemote: ['memo'], toLocal: ['balance'] },
  ],
]

describe('merge', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(merge(input)).toMatchObject(expected)
  })
})

// ---- properties -------------------------------------------------------------------------------------------

const value = fc.oneof(fc.constantFrom(undefined, null, 'a', 'b', 1, 2), fc.record({ x: fc.constantFrom(1, 2) }))
const record = fc.dictionary(fc.constantFrom('f1', 'f2', 'f3', 'f4'), value)
const time = fc.integer({ min: 0, max: 3 })
const triple = fc.record({
  base: fc.option(record, { nil: undefined }),
  local: record,
  remote: record,
  tl: time,
  tr: time,
})

// Merged records compare as values: a field set to `undefined` and a field absent mean the same.
const same = (a: Record<string, unknown>, b: Record<string, unknown>) => expect(canonical(a)).toBe(canonical(b))

describe('merge properties', () => {
  it('converges: both parties reach the same record, whichever calls itself local', () => {
    fc.assert(
      fc.property(triple, ({ base, local, remote, tl, tr }) => {
        const a = merge({ base, local, remote, localChangedAt: tl, remoteChangedAt: tr })
        const b = merge({ base, local: remote, remote: local, localChangedAt: tr, remoteChangedAt: tl })
        same(a.merged, b.merged)
        expect(a.toRemote).toStrictEqual(b.toLocal)
        expect(a.conflicts.map((c) => c.field)).toStrictEqual(b.conflicts.map((c) => c.field))
      }),
    )
  })

  it('is idempotent: merging the result again with either side changes nothing', () => {
    fc.assert(
      fc.property(triple, ({ base, local, remote, tl, tr }) => {
        const m = merge({ base, local, remote, localChangedAt: tl, remoteChangedAt: tr }).merged
        same(merge({ base, local: m, remote, localChangedAt: tl, remoteChangedAt: tr }).merged, m)
        same(merge({ base, local, remote: m, localChangedAt: tl, remoteChangedAt: tr }).merged, m)
        const settled = merge({ base: m, local: m, remote: m, localChangedAt: tl, remoteChangedAt: tr })
        same(settled.merged, m)
        expect(settled.toRemote).toStrictEqual([])
        expect(settled.toLocal).toStrictEqual([])
      }),
    )
  })

  it('keeps a one-sided change and reports no conflict', () => {
    fc.assert(
      fc.property(record, record, time, time, (base, changed, tl, tr) => {
        const r1 = merge({ base, local: changed, remote: base, localChangedAt: tl, remoteChangedAt: tr })
        same(r1.merged, changed)
        expect(r1.conflicts).toStrictEqual([])
        const r2 = merge({ base, local: base, remote: changed, localChangedAt: tl, remoteChangedAt: tr })
        same(r2.merged, changed)
        expect(r2.conflicts).toStrictEqual([])
      }),
    )
  })

  it('only ever picks values that one of the sides holds, and reports exactly what to send each way', () => {
    fc.assert(
      fc.property(triple, ({ base, local, remote, tl, tr }) => {
        const r = merge({ base, local, remote, localChangedAt: tl, remoteChangedAt: tr })
        for (const f of new Set([...Object.keys(local), ...Object.keys(remote)])) {
          const v = canonical(r.merged[f])
          expect([canonical(local[f]), canonical(remote[f])]).toContain(v)
          expect(r.toRemote.includes(f)).toBe(v !== canonical(remote[f]))
          expect(r.toLocal.includes(f)).toBe(v !== canonical(local[f]))
        }
      }),
    )
  })
})
