/**
 * One log row per record and cause: the same refusal again updates the row it repeats (how many times, when last)
 * instead of adding one. The rule is here once; the log's readers fold what is stored with it, and a store can
 * apply it as it writes (`repeatOf`).
 * @module
 */
import type { SyncLogRow } from '#shared/domain/index.ts'
import type { LogEntry } from './types.ts'

/** The statuses that repeat: what went wrong, or is waiting. News (synced, matched) is each its own event. */
const REPEATING: ReadonlySet<SyncLogRow['status']> = new Set(['error', 'warning', 'info', 'skipped'])

/** What makes two rows the same refusal: the record, the direction, the status and the words. */
export function causeKey(
  r: Pick<LogEntry, 'kind' | 'localId' | 'direction' | 'status' | 'details'>,
): string | undefined {
  if (!REPEATING.has(r.status) || r.localId === undefined || r.kind === undefined) return undefined
  return `${r.kind}|${r.localId}|${r.direction}|${r.status}|${r.details}`
}

export type FoldedRow = SyncLogRow & { count: number; firstAt: string }

/**
 * The newest rows (newest first) with each repeat folded into the newest row of its cause: its count, and the
 * time it first happened. Other rows keep their place.
 */
export function foldRepeats(newestFirst: readonly SyncLogRow[]): FoldedRow[] {
  const out: FoldedRow[] = []
  const byCause = new Map<string, FoldedRow>()
  for (const r of newestFirst) {
    const key = causeKey(r)
    const seen = key === undefined ? undefined : byCause.get(key)
    if (seen) {
      seen.count += r.count ?? 1
      seen.firstAt = r.firstAt ?? r.at
      continue
    }
    const row: FoldedRow = { ...r, count: r.count ?? 1, firstAt: r.firstAt ?? r.at }
    if (key !== undefined) byCause.set(key, row)
    out.push(row)
  }
  return out
}

/** The stored row a new entry repeats, updated (one more time, last at the entry's time); undefined if none. */
export function repeatOf(previous: SyncLogRow | undefined, entry: LogEntry): SyncLogRow | undefined {
  if (!previous) return undefined
  const key = causeKey(entry)
  if (key === undefined || key !== causeKey(previous)) return undefined
  return { ...previous, at: entry.at, count: (previous.count ?? 1) + 1, firstAt: previous.firstAt ?? previous.at }
}
