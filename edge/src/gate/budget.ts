/**
 * A company's daily budget of QuickBooks calls, reads (GET) and writes (POST) counted apart, kept in
 * its RealmGate's SQLite so every edge instance and session of the company shares it. A day is a
 * UTC day; the count starts again at midnight. Checked and counted in one synchronous step just
 * before a call goes upstream, so concurrent callers cannot overrun it.
 */
import { err, ok, type Result } from '#shared/result.ts'
import type { Config } from '../env.ts'
import type { GateError } from './upstream.ts'

export type BudgetKind = 'read' | 'write'

export function migrateBudget(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS budget (
    day TEXT PRIMARY KEY, reads INTEGER NOT NULL DEFAULT 0, writes INTEGER NOT NULL DEFAULT 0)`)
}

export const utcDay = (now: number): string => new Date(now).toISOString().slice(0, 10)

function nextUtcMidnight(now: number): number {
  const d = new Date(now)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
}

/** Spends one call of `kind` from today's budget, or says when the budget is back. */
export function spend(
  sql: SqlStorage,
  limits: Config['budget'],
  kind: BudgetKind,
  now: number,
): Result<void, GateError> {
  const day = utcDay(now)
  const row = sql
    .exec<{ reads: number; writes: number }>('SELECT reads, writes FROM budget WHERE day = ?', day)
    .toArray()[0]
  const used = kind === 'read' ? (row?.reads ?? 0) : (row?.writes ?? 0)
  const limit = kind === 'read' ? limits.readsPerDay : limits.writesPerDay
  if (used >= limit) {
    const retryAfterMs = nextUtcMidnight(now) - now
    const hours = Math.max(1, Math.round(retryAfterMs / 3_600_000))
    const what = kind === 'read' ? 'reads' : 'changes'
    return err({
      code: 'paced',
      retryAfterMs,
      message:
        `This company has used today's ${limit} QuickBooks ${what}. ` +
        `Sync picks up again after midnight UTC (in about ${hours} hour${hours === 1 ? '' : 's'}); nothing is lost meanwhile.`,
    })
  }
  const column = kind === 'read' ? 'reads' : 'writes'
  sql.exec(
    `INSERT INTO budget (day, ${column}) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET ${column} = ${column} + 1`,
    day,
  )
  sql.exec('DELETE FROM budget WHERE day <> ?', day)
  return ok(undefined)
}
