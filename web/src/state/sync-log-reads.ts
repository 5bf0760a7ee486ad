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
 * Newest first, at most `limit` rows; a status filter uses its index, the rest is checked row by row. The same
 * refusal of the same record again reads as one row (how many times, first and last time).
 */
export async function newestLogRows(db: FieldsyncDB, filter: LogFilter, limit: number): Promise<SyncLogRow[]> {
  const rows =
    filter.status === 'all'
      ? db.syncLog.orderBy('seq').reverse()
      : db.syncLog.where('status').equals(filter.status).reverse()
  return foldRepeats(
    await rows
      .filter((r) => matchesFilter(r, filter))
      .limit(limit)
      .toArray(),
  )
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
