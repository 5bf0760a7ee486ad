import { describe, expect, it } from 'vitest'
import type { SyncLogRow } from '#shared/domain/index.ts'
import { testDb } from '../db/test-db.ts'
import { allLogRows, lastSyncAt, linkCount, newestLogRows } from './sync-log-reads.ts'

const row = (seq: number, over: Partial<SyncLogRow> = {}): SyncLogRow => ({
  seq,
  at: `2026-03-01T14:0${seq}:00.000Z`,
  label: `Row ${seq}`,
  direction: 'push',
  status: 'synced',
  details: '',
  ...over,
})

async function withLog(rows: SyncLogRow[]) {
  const db = testDb()
  await db.syncLog.bulkAdd(rows)
  return db
}

describe('sync log reads', () => {
  it('reads the newest rows first, at most the limit, through the status and record filters', async () => {
    const db = await withLog([
      row(1, { status: 'error', kind: 'contact' }),
      row(2, { kind: 'invoice' }),
      row(3, { status: 'error', kind: 'invoice' }),
      row(4, { status: 'error', kind: 'contact' }),
      row(5, { kind: 'contact' }),
    ])
    const seqs = (rows: SyncLogRow[]) => rows.map((r) => r.seq)
    expect(seqs(await newestLogRows(db, { status: 'all', kind: 'all' }, 3))).toEqual([5, 4, 3])
    expect(seqs(await newestLogRows(db, { status: 'error', kind: 'all' }, 10))).toEqual([4, 3, 1])
    expect(seqs(await newestLogRows(db, { status: 'error', kind: 'contact' }, 10))).toEqual([4, 1])
    expect(seqs(await newestLogRows(db, { status: 'all', kind: 'invoice' }, 1))).toEqual([3])
  })

  it('pages down past gaps in seq until the limit is filled, newest first', async () => {
    const db = await withLog(
      Array.from({ length: 400 }, (_, i) => row(i + 1, { kind: i % 2 === 0 ? 'contact' : 'invoice' })),
    )
    // A gap wider than a page, and one inside the newest page.
    await db.syncLog.bulkDelete([...Array.from({ length: 250 }, (_, i) => 100 + i), 399])
    const seqs = (rows: SyncLogRow[]) => rows.map((r) => r.seq)
    const newest = seqs(await newestLogRows(db, { status: 'all', kind: 'all' }, 60))
    const down = (from: number, n: number) => Array.from({ length: n }, (_, i) => from - i)
    expect(newest).toEqual([400, ...down(398, 49), ...down(99, 10)])
    const contacts = seqs(await newestLogRows(db, { status: 'all', kind: 'contact' }, 500))
    expect(contacts).toHaveLength(24 + 50)
    expect(contacts.slice(0, 3)).toEqual([397, 395, 393])
    expect(contacts.at(-1)).toBe(1)
    expect(await newestLogRows(db, { status: 'all', kind: 'all' }, 0)).toEqual([])
    expect(await newestLogRows(testDb(), { status: 'all', kind: 'all' }, 10)).toEqual([])
  })

  it('exports the whole log oldest first and tells when the engine last wrote it', async () => {
    const db = await withLog([row(1), row(2), row(3)])
    expect((await allLogRows(db)).map((r) => r.seq)).toEqual([1, 2, 3])
    expect(await lastSyncAt(db)).toBe('2026-03-01T14:03:00.000Z')
  })

  it('has no last sync and no links before the first sync', async () => {
    const db = testDb()
    expect(await lastSyncAt(db)).toBeUndefined()
    expect(await linkCount(db)).toBe(0)
  })
})
