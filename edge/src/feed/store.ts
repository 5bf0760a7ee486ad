/**
 * The feed's notices in the RealmGate's SQLite, each under its sequence number, so a socket that reconnects
 * gets what it missed. Bounded: the latest {@link MAX_NOTICES_KEPT} and at most {@link NOTICE_TTL_MS} old
 * (the newest is always kept, so the latest sequence survives). A `since` older than what is kept answers
 * `reset`: that device pulls as usual.
 */
import type { FeedMessage } from '#shared/api/feed.ts'

export const MAX_NOTICES_KEPT = 1000
export const NOTICE_TTL_MS = 24 * 3600_000

/** A stored notice (changes or settings), with its sequence number. */
export type NumberedNotice = Extract<FeedMessage, { type: 'changes' | 'settings' }>
/** A notice as broadcast, before it has its number. */
export type Notice = NumberedNotice extends infer M ? (M extends unknown ? Omit<M, 'seq'> : never) : never

export function migrateFeed(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS feed_notices (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, body TEXT NOT NULL)`)
}

export function latestSeq(sql: SqlStorage): number {
  return sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM feed_notices').one().seq
}

/** Stores a notice; returns it with its sequence number. */
export function appendNotice(sql: SqlStorage, notice: Notice, now: number): NumberedNotice {
  sql.exec('INSERT INTO feed_notices (at, body) VALUES (?, ?)', now, JSON.stringify(notice))
  const seq = latestSeq(sql)
  sql.exec(
    'DELETE FROM feed_notices WHERE seq < ? AND (seq <= ? OR at < ?)',
    seq,
    seq - MAX_NOTICES_KEPT,
    now - NOTICE_TTL_MS,
  )
  return { ...notice, seq } as NumberedNotice
}

/** What a socket that saw `since` missed, oldest first; `reset` when some of it is no longer kept. */
export function noticesAfter(sql: SqlStorage, since: number): NumberedNotice[] | 'reset' {
  const latest = latestSeq(sql)
  if (since === latest) return []
  // A number ahead of the gate's: this gate's notices were lost, so nothing can be trusted to be caught up.
  if (since > latest) return 'reset'
  const oldest = sql.exec<{ seq: number }>('SELECT MIN(seq) AS seq FROM feed_notices').one().seq
  if (oldest > since + 1) return 'reset'
  return sql
    .exec<{ seq: number; body: string }>('SELECT seq, body FROM feed_notices WHERE seq > ? ORDER BY seq', since)
    .toArray()
    .map((r) => ({ ...(JSON.parse(r.body) as Notice), seq: r.seq }) as NumberedNotice)
}
