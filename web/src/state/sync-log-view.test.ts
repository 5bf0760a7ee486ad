import { describe, expect, it } from 'vitest'
import type { SyncLogRow } from '#shared/domain/index.ts'
import { conflictParts, logCsv, logTime, matchesFilter } from './sync-log-view.ts'

const row = (over: Partial<SyncLogRow>): SyncLogRow => ({
  seq: 1,
  at: '2026-03-01T14:05:00.000Z',
  label: 'Ann Lee',
  direction: 'push',
  status: 'synced',
  details: 'Created in QuickBooks.',
  ...over,
})

/** A minimal RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const out: string[][] = []
  let rowCells: string[] = [],
    cur = '',
    quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      rowCells.push(cur)
      cur = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rowCells.push(cur)
      out.push(rowCells)
      rowCells = []
      cur = ''
      i++
    } else cur += ch
  }
  return out
}

describe('sync log view', () => {
  it('exports CSV that reads back cell for cell, with quotes, commas and line breaks intact', () => {
    const tricky = row({ label: 'Lee, "Ann"', details: 'Line one\r\nline two', kind: 'contact', qboId: '58' })
    const csv = logCsv([
      tricky,
      row({ seq: 2, status: 'error', kind: 'invoice', label: 'Invoice 1042', direction: 'pull' }),
    ])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const [head, first, second] = parseCsv(csv.slice(1))
    expect(head).toEqual(['Time (UTC)', 'Entity', 'Record', 'Direction', 'Status', 'Details', 'QuickBooks Id'])
    expect(first).toEqual([
      '2026-03-01T14:05:00.000Z',
      'Contact',
      'Lee, "Ann"',
      'To QuickBooks',
      'synced',
      'Line one\r\nline two',
      '58',
    ])
    expect(second).toEqual([
      '2026-03-01T14:05:00.000Z',
      'Invoice',
      'Invoice 1042',
      'From QuickBooks',
      'error',
      'Created in QuickBooks.',
      '',
    ])
  })

  it('keeps a name that looks like a formula from running in a spreadsheet', () => {
    const [, first] = parseCsv(logCsv([row({ label: '=HYPERLINK("x")' })]).slice(1))
    expect(first?.[2]).toBe(`'=HYPERLINK("x")`)
  })

  it('shows times in the given locale and zone', () => {
    expect(logTime('2026-03-01T14:05:00.000Z', 'en-US', 'UTC')).toBe('Mar 1, 2026, 2:05 PM')
    expect(logTime('2026-03-01T14:05:00.000Z', 'de-DE', 'Europe/Berlin')).toBe('01.03.2026, 15:05')
    expect(logTime('not a time', 'en-US')).toBe('not a time')
  })

  it('splits conflict details from both writers of the log into both values', () => {
    expect(conflictParts(`email: here "a@x.com", QuickBooks "b@x.com"; kept QuickBooks' (most recent).`)).toEqual({
      field: 'email',
      here: 'a@x.com',
      quickbooks: 'b@x.com',
      kept: 'QuickBooks',
    })
    expect(conflictParts(`phone: here "1", QuickBooks "2"; kept this device's (most recent).`)).toMatchObject({
      here: '1',
      quickbooks: '2',
      kept: 'this tablet',
    })
    expect(conflictParts('Created in QuickBooks.')).toBeUndefined()
  })

  it('filters by status and entity together', () => {
    const r = { status: 'error' as const, kind: 'invoice' as const }
    expect(matchesFilter(r, { status: 'error', kind: 'all' })).toBe(true)
    expect(matchesFilter(r, { status: 'all', kind: 'invoice' })).toBe(true)
    expect(matchesFilter(r, { status: 'error', kind: 'contact' })).toBe(false)
    expect(matchesFilter(r, { status: 'synced', kind: 'invoice' })).toBe(false)
  })
})
