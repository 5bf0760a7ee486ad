/**
 * The emulator adds days to a date on its own (it must not import the app), but it must count them as
 * the app's date-only module does: the same table, then any day in three centuries and any step.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays as appAddDays } from '#shared/date-only.ts'
import { addDays } from './time.ts'

describe('addDays, against the app’s date-only module', () => {
  it.each([
    ['2026-03-01', 30, '2026-03-31'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-05-15', 0, '2026-05-15'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
    expect(appAddDays(date, days)).toBe(expected)
  })

  it('agrees with the app on every day and step', () => {
    const day = fc.integer({ min: 0, max: 110_000 }).map((n) => appAddDays('1900-01-01', n))
    fc.assert(
      fc.property(day, fc.integer({ min: -5_000, max: 5_000 }), (date, days) => {
        expect(addDays(date, days)).toBe(appAddDays(date, days))
      }),
    )
  })
})
