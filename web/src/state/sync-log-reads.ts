/**
 * The sync log and links as the screens read them: the newest rows through a filter, the whole log for export,
 * the time of the last sync and how many records are linked. The worker writes these tables; screens only read.
 * @module
 */
import type { SyncLogRow } from '#shared/domain/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { foldRepeats } from '../sync/core/index.ts'
import { matchesFilter, type LogFilter } from './sync-log-view.ts'

/**
 * Newest first, at most `limit` rows; the same refusal of the same record again reads as one row (how many times,
 * first and last time). A status filter walks its index (few rows match); otherwise the newest rows come by ranges
 * of `seq`, one native read per page (a cursor calls back into script once per row), paging down until `limit`
 * rows match: rows may be missing from the range, so a page can hold fewer than it spans.
 */
export async function newestLogRows(db: FieldsyncDB, filter: LogFilter, limit: number): Promise<SyncLogRow[]> {
  if (filter.status !== 'all')
    return foldRepeats(
      await db.syncLog
        .where('status')
        .equals(filter.status)
        .reverse()
        .filter((r) => matchesFilter(r, filter))
        .limit(limit)
        .toArray(),
    )
  const [top, bottom] = await Promise.all([db.syncLog.orderBy('seq').lastKey(), db.syncLog.orderBy('seq').firstKey()])
  if (typeof top !== 'number' || typeof bottom !== 'number' || limit <= 0) return []
  const span = Math.max(limit, 100)
  const out: SyncLogRow[] = []
  for (let high = top; high >= bottom && out.length < limit; high -= span) {
    const page = await db.syncLog
      .where('seq')
      .between(high - span, high, false, true)
      .toArray()
    for (let i = page.length - 1; i >= 0 && out.length < limit; i--) {
      const r = page[i]!
      if (matchesFilter(r, filter)) out.push(r)
    }
  }
  return foldRepeats(out)
}

/** The whole log, oldest first (the CSV export). */
export function allLogRows(db: FieldsyncDB): Promise<SyncLogRow[]> {
  return db.syncLog.orderBy('seq').toArray()
}

/** When the engine last wrote the log; undefined before the first sync. */
export async function lastSyncAt(db: FieldsyncDB): Promise<string | undefined> {
  return (await db.syncLog.orderBy('seq').last())?.at
}

/** How many records here are linked to one in QuickBooks. */
export function linkCount(db: FieldsyncDB): Promise<number> {
  return db.mappings.count()
}
