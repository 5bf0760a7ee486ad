/**
 * Calendar days as `YYYY-MM-DD` strings, the form QuickBooks' TxnDate and DueDate take. A day has
 * no time zone: arithmetic runs on the UTC calendar, so a daylight-saving change never moves one.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The day's UTC midnight in ms, or NaN when `date` is not a real `YYYY-MM-DD` day. */
function utcMs(date: string): number {
  const m = DATE_ONLY.exec(date)
  if (!m) return Number.NaN
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(year, month - 1, day)
  // Date.UTC rolls 2026-02-30 over into March; a real day reads back the same.
  const back = new Date(ms)
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
    ? ms
    : Number.NaN
}

const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** `date` moved by whole days (negative: earlier). Throws RangeError on a string that is not a day. */
export function addDays(date: string, days: number): string {
  const ms = utcMs(date)
  if (Number.isNaN(ms) || !Number.isInteger(days)) throw new RangeError(`cannot add ${days} days to "${date}"`)
  const out = new Date(ms)
  out.setUTCDate(out.getUTCDate() + days)
  return fromUtcMs(out.getTime())
}

/** The calendar day an instant falls on in the device's time zone: what "today" means to its user. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
