/**
 * Which rows of a fixed-height list are in view: plain arithmetic on the scroll position, so it costs the same
 * for 10 rows as for 10,000 and nothing is measured.
 */

export interface RangeInput {
  /** The list's scroll position (px). */
  scrollTop: number
  /** The height of the scrolling viewport (px). */
  viewport: number
  rowHeight: number
  count: number
  /** Rows kept rendered beyond each edge of the view, so a scroll shows rows already laid out. */
  overscan: number
}

/** Rows `start` (inclusive) to `end` (exclusive) to render. */
export interface RowRange {
  start: number
  end: number
}

export function visibleRange({ scrollTop, viewport, rowHeight, count, overscan }: RangeInput): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  // A scroll position past the end (the list just got shorter, the browser has not clamped it yet) shows the
  // last rows rather than nothing.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewport))
  const first = Math.floor(top / rowHeight)
  const last = Math.ceil((top + Math.max(0, viewport)) / rowHeight)
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) }
}
