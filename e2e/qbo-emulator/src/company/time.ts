/**
 * Emulator time as Intuit writes it. A sandbox company lives in US Pacific time; the emulator
 * pins it to a fixed -08:00 offset so stamps never jump at daylight-saving changes in tests.
 */

/** Minutes east of UTC for every company the emulator hosts. */
export const COMPANY_OFFSET_MINUTES = -8 * 60

const pad = (n: number, w = 2) => String(Math.trunc(n)).padStart(w, '0')

function offsetSuffix(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${sign}${pad(abs / 60)}:${pad(abs % 60)}`
}

function shifted(ms: number): Date {
  return new Date(ms + COMPANY_OFFSET_MINUTES * 60_000)
}

/** `MetaData` stamps: seconds precision, e.g. `2025-03-01T10:00:00-08:00`. */
export function formatTimestamp(ms: number): string {
  return shifted(ms).toISOString().slice(0, 19) + offsetSuffix(COMPANY_OFFSET_MINUTES)
}

/** The response envelope's `time`: milliseconds precision, e.g. `2025-03-01T10:00:00.123-08:00`. */
export function formatResponseTime(ms: number): string {
  return shifted(ms).toISOString().slice(0, 23) + offsetSuffix(COMPANY_OFFSET_MINUTES)
}

/** `TxnDate`-style dates in the company's time zone. */
export function formatDate(ms: number): string {
  return shifted(ms).toISOString().slice(0, 10)
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses the timestamps clients send (`changedSince`, query literals). A bare date means the
 * start of that day in the company's zone, as does a date-time without offset.
 * Returns undefined for anything else.
 */
export function parseTimestamp(text: string): number | undefined {
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00${offsetSuffix(COMPANY_OFFSET_MINUTES)}`)
  if (!DATE_TIME.test(text)) return undefined
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text)
  const normalized = hasZone
    ? text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    : text + offsetSuffix(COMPANY_OFFSET_MINUTES)
  const ms = Date.parse(normalized)
  return Number.isNaN(ms) ? undefined : ms
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}
