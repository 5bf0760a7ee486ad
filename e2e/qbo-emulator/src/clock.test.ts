import { describe, expect, it } from 'vitest'
import { createClock, createManualClock } from './clock.ts'

describe('clock', () => {
  it('runs emulator time at the time scale of the real source', () => {
    let real = 1_000
    const clock = createClock({ timeScale: 60, realNow: () => real, start: 0 })
    expect(clock.now()).toBe(0)
    real += 1_000 // one real second
    expect(clock.now()).toBe(60_000) // is one Intuit minute
  })

  it('advances on demand and refuses to go backwards', () => {
    const clock = createManualClock(5_000)
    clock.advance(2_500)
    expect(clock.now()).toBe(7_500)
    expect(() => clock.advance(-1)).toThrow(RangeError)
  })

  it('rejects a zero or negative time scale', () => {
    expect(() => createClock({ timeScale: 0 })).toThrow(RangeError)
    expect(() => createClock({ timeScale: -2 })).toThrow(RangeError)
  })
})
