/**
 * The sync log as the user reads and exports it: plain words for entity and direction, times in the user's
 * locale, conflict rows split into both values, filters, and CSV that opens cleanly in a spreadsheet.
 * @module
 */
import type { SyncKind, SyncLogRow, SyncLogStatus } from '#shared/domain/index.ts'

export const LOG_STATUSES = [
  'synced',
  'matched',
  'skipped',
  'conflict',
  'warning',
  'error',
  'info',
] as const satisfies readonly SyncLogStatus[]
export const LOG_KINDS = ['contact', 'item', 'invoice', 'payment', 'job'] as const satisfies readonly SyncKind[]

const KIND_WORDS: Readonly<Record<SyncKind, string>> = {
  contact: 'Contact',
  item: 'Item',
  invoice: 'Invoice',
  payment: 'Payment',
  job: 'Job',
}
const DIRECTION_WORDS: Readonly<Record<SyncLogRow['direction'], string>> = {
  push: 'To QuickBooks',
  pull: 'From QuickBooks',
  none: 'Linked',
}

export const kindWords = (k: SyncKind | undefined): string => (k ? KIND_WORDS[k] : 'Sync')
export const directionWords = (d: SyncLogRow['direction']): string => DIRECTION_WORDS[d]

export type LogFilter = { status: SyncLogStatus | 'all'; kind: SyncKind | 'all' }

export function matchesFilter(r: Pick<SyncLogRow, 'status' | 'kind'>, f: LogFilter): boolean {
  return (f.status === 'all' || r.status === f.status) && (f.kind === 'all' || r.kind === f.kind)
}

/** An instant in the user's locale and time zone: "Mar 1, 2026, 9:05 AM". */
export function logTime(at: string, locale: string | undefined, timeZone?: string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at
  // Shown to the minute, and a sync writes hundreds of rows a minute: format each minute once (time zones are
  // whole minutes apart) instead of once per row (about a tenth of the script of a live update of the log).
  const key = `${locale ?? ''}|${timeZone ?? ''}|${Math.floor(d.getTime() / 60_000)}`
  let text = minutes.get(key)
  if (text === undefined) {
    if (minutes.size >= 500) minutes.clear()
    text = formatter(locale, timeZone).format(d)
    minutes.set(key, text)
  }
  return text
}

const minutes = new Map<string, string>()

// Building an Intl.DateTimeFormat costs far more than using one; the log formats hundreds of rows per update.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) })
    formatters.set(key, f)
  }
  return f
}

export type ConflictParts = { field: string; here: string; quickbooks: string; kept: string }

/** A conflict row's details ("Email: here "a", QuickBooks "b"; kept QuickBooks's (most recent).") in parts. */
export function conflictParts(details: string): ConflictParts | undefined {
  const m = /^(.+?): here (.*), QuickBooks (.*); kept (.+?)(?:'s)? \(most recent\)\.?$/s.exec(details)
  if (!m) return undefined
  const [, field, here, quickbooks, kept] = m
  const unquote = (s: string) => (/^".*"$/s.test(s) ? s.slice(1, -1) : s)
  return {
    field: field!,
    here: unquote(here!),
    quickbooks: unquote(quickbooks!),
    kept: /QuickBooks/.test(kept!) ? 'QuickBooks' : 'this tablet',
  }
}

/** One spreadsheet cell: quoted, and a leading = + - @ made inert so a name cannot run as a formula. */
function cell(v: unknown): string {
  let s = String(v ?? '')
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return `"${s.replace(/"/g, '""')}"`
}

export const CSV_HEADER = ['Time (UTC)', 'Entity', 'Record', 'Direction', 'Status', 'Details', 'QuickBooks Id'] as const

export function logCsv(rows: readonly SyncLogRow[]): string {
  const lines = rows.map((r) =>
    [r.at, kindWords(r.kind), r.label, directionWords(r.direction), r.status, r.details, r.qboId].map(cell).join(','),
  )
  // CRLF and a BOM: what spreadsheet apps expect, so accents survive.
  return '\uFEFF' + [CSV_HEADER.map(cell).join(','), ...lines].join('\r\n') + '\r\n'
}
