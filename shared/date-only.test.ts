import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, localDate } from './date-only.ts'

describe('date-only days', () => {
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
  })

  it('refuses what is not a day instead of guessing', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => addDays('2026-3-1', 1)).toThrow(RangeError)
    expect(() => addDays('2026-03-01', 1.5)).toThrow(RangeError)
    expect(() => addDays('2026-02-29', 0)).toThrow(RangeError)
    expect(addDays('2028-02-29', 0)).toBe('2028-02-29')
    expect(() => addDays('2026-03-01T00:00:00Z', 0)).toThrow(RangeError)
  })

  it('moves forth and back by the same days to the same day', () => {
    const day = fc.integer({ min: 0, max: 200_000 }).map((n) => addDays('1900-01-01', n))
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d)
      }),
    )
  })

  it('reads today in the device zone, not in UTC', () => {
    expect(localDate(new Date(2026, 2, 8, 23, 59))).toBe('2026-03-08')
    expect(localDate(new Date(2026, 2, 9, 0, 1))).toBe('2026-03-09')
  })
})
