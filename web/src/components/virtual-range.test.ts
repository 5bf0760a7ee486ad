import { describe, expect, it } from 'vitest'
import { visibleRange } from './virtual-range.ts'

const base = { scrollTop: 0, viewport: 640, rowHeight: 64, count: 10_000, overscan: 4 }

describe('visibleRange', () => {
  it('renders the rows in view and the overscan below them at the top', () => {
    expect(visibleRange(base)).toEqual({ start: 0, end: 14 })
  })

  it('adds the overscan on both sides when scrolled', () => {
    // Rows 100–109 are in view at 6,400 px.
    expect(visibleRange({ ...base, scrollTop: 6400 })).toEqual({ start: 96, end: 114 })
  })

  it('includes a row that is partly in view', () => {
    expect(visibleRange({ ...base, scrollTop: 6430, overscan: 0 })).toEqual({ start: 100, end: 111 })
  })

  it('stops at the last row', () => {
    expect(visibleRange({ ...base, scrollTop: 64 * 9_990 })).toEqual({ start: 9_986, end: 10_000 })
  })

  it('shows the last rows when the scroll position is past the end of a list that just got shorter', () => {
    expect(visibleRange({ ...base, scrollTop: 6400, count: 12 })).toEqual({ start: 0, end: 12 })
    expect(visibleRange({ ...base, scrollTop: 64_000, count: 50, overscan: 0 })).toEqual({ start: 40, end: 50 })
  })

  it('renders nothing for an empty list', () => {
    expect(visibleRange({ ...base, count: 0 })).toEqual({ start: 0, end: 0 })
  })

  it('renders at least one row and the overscan before the viewport is measured', () => {
    expect(visibleRange({ ...base, viewport: 0 })).toEqual({ start: 0, end: 5 })
  })
})
