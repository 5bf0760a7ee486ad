import { describe, expect, it } from 'vitest'
import { createSlidingWindow } from './sliding-window.ts'

describe('sliding window', () => {
  it('counts hits in (now - window, now] and forgets older ones', () => {
    const w = createSlidingWindow()
    w.hit(0)
    w.hit(500)
    w.hit(999)
    expect(w.count(999, 1000)).toBe(3)
    expect(w.count(1000, 1000)).toBe(2) // the hit at 0 left exactly one window later
    expect(w.count(1499, 1000)).toBe(2)
    expect(w.count(1500, 1000)).toBe(1)
    expect(w.nextFreeAt(1000)).toBe(1999)
  })

  it('stays exact across compaction of a long history', () => {
    const w = createSlidingWindow()
    for (let t = 0; t < 10_000; t++) {
      w.hit(t)
      expect(w.count(t, 100)).toBe(Math.min(t + 1, 100))
    }
  })
})
