/**
 * @module
 * A sliding-window counter: how many hits fell in the last `windowMs` (exact, not bucketed), so
 * "the 501st request within any minute" is refused exactly as Intuit counts per realm and app.
 */
export interface SlidingWindow {
  /** Hits in (now - windowMs, now]. */
  count(now: number, windowMs: number): number
  hit(now: number): void
  /** When the oldest hit in the window leaves it (for tests and a Retry-After estimate). */
  nextFreeAt(windowMs: number): number | null
}

export function createSlidingWindow(): SlidingWindow {
  // Ring-like array with a moving head; compacted now and then so it never grows past the limit by much.
  let hits: number[] = []
  let head = 0
  const prune = (now: number, windowMs: number) => {
    while (head < hits.length && hits[head]! <= now - windowMs) head++
    if (head > 1024 && head * 2 > hits.length) {
      hits = hits.slice(head)
      head = 0
    }
  }
  return {
    count(now, windowMs) {
      prune(now, windowMs)
      return hits.length - head
    },
    hit(now) {
      hits.push(now)
    },
    nextFreeAt(windowMs) {
      return head < hits.length ? hits[head]! + windowMs : null
    },
  }
}
