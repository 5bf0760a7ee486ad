/**
 * The app's Intuit calls per month, across every company: Intuit meters the app's allowance, not
 * each company's. One RealmGate instance under a name no realm can have ({@link APP_METER}) keeps the
 * count; each company's gate reports its calls in small batches, off the call's path, and the meter
 * warns in the log once a month when the count passes INTUIT_MONTHLY_CALLS_WARN_AT.
 */

/** Realm ids are digits: this name can never be a company's. */
export const APP_METER = 'app-meter'

export const utcMonth = (now: number): string => new Date(now).toISOString().slice(0, 7)

export function migrateMeter(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS app_calls (
    month TEXT PRIMARY KEY, calls INTEGER NOT NULL DEFAULT 0, warned INTEGER NOT NULL DEFAULT 0)`)
}

/** Adds `n` calls to `month`; `crossed` is true the one time the total passes `warnAt`. */
export function addAppCalls(
  sql: SqlStorage,
  month: string,
  n: number,
  warnAt: number,
): { calls: number; crossed: boolean } {
  sql.exec(
    'INSERT INTO app_calls (month, calls) VALUES (?, ?) ON CONFLICT(month) DO UPDATE SET calls = calls + ?',
    month,
    n,
    n,
  )
  const row = sql
    .exec<{ calls: number; warned: number }>('SELECT calls, warned FROM app_calls WHERE month = ?', month)
    .one()
  const crossed = row.warned === 0 && row.calls >= warnAt
  if (crossed) sql.exec('UPDATE app_calls SET warned = 1 WHERE month = ?', month)
  return { calls: row.calls, crossed }
}

/** {@link addAppCalls}, warning in the log the one time the month passes `warnAt`. */
export function recordAppCalls(sql: SqlStorage, month: string, n: number, warnAt: number) {
  const r = addAppCalls(sql, month, n, warnAt)
  if (r.crossed)
    console.warn('intuit allowance: the app passed its monthly warning level', { month, calls: r.calls, warnAt })
  return r
}

/** Batches a gate's calls for the meter: flush after `maxPending` calls or `maxAgeMs`. */
export class MeterBuffer {
  #pending = 0
  #since = 0
  readonly #flush: (n: number) => void
  readonly #maxPending: number
  readonly #maxAgeMs: number

  constructor(flush: (n: number) => void, maxPending = 20, maxAgeMs = 10_000) {
    this.#flush = flush
    this.#maxPending = maxPending
    this.#maxAgeMs = maxAgeMs
  }

  add(now: number): void {
    if (this.#pending === 0) this.#since = now
    this.#pending++
    if (this.#pending >= this.#maxPending || now - this.#since >= this.#maxAgeMs) {
      const n = this.#pending
      this.#pending = 0
      this.#flush(n)
    }
  }
}

/** A buffer whose batches go to the app meter instance, off the call's path: a lost report only makes the warning late. */
export function appMeterBuffer(
  meter: () => { recordAppCalls(month: string, n: number): Promise<unknown> },
): MeterBuffer {
  return new MeterBuffer((n) => {
    meter()
      .recordAppCalls(utcMonth(Date.now()), n)
      .catch((e: unknown) => console.error('app meter not updated', { calls: n, error: String(e) }))
  })
}
