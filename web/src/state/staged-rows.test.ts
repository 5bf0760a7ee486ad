import { describe, expect, it } from 'vitest'
import { stageTowards } from './staged-rows.ts'

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => to - 1 - i) // newest first

/** Steps until done; every intermediate list keeps the rows it had as they were. */
function stages(shown: readonly number[], target: readonly number[], chunk: number): (readonly number[])[] {
  const out: (readonly number[])[] = []
  let cur = shown
  for (let n = 0; n < 100; n++) {
    const next = stageTowards(cur, target, chunk)
    out.push(next)
    if (next === target) return out
    cur = next
  }
  throw new Error('never reached the target')
}

describe('stageTowards', () => {
  it('returns a short target as is', () => {
    const target = range(0, 5)
    expect(stageTowards([], target, 10)).toBe(target)
  })

  it('grows a first load from the top, a chunk at a time', () => {
    const target = range(0, 25)
    const s = stages([], target, 10)
    expect(s.map((x) => x.length)).toEqual([10, 20, 25])
    expect(s[0]).toEqual(target.slice(0, 10))
    expect(s.at(-1)).toBe(target)
  })

  it('inserts new rows above the shown ones oldest first, never more than a chunk per step', () => {
    const shown = range(0, 30)
    const target = range(5, 60) // 30 new rows at the top, 5 old ones fell off the end
    const s = stages(shown, target, 10)
    expect(s.length).toBe(3)
    expect(s[0]!.slice(0, 10)).toEqual(range(30, 40))
    expect(s[0]!.slice(10)).toEqual(shown.slice(0, target.length - 10))
    expect(s[1]!.slice(0, 20)).toEqual(range(30, 50))
    expect(s.at(-1)).toBe(target)
  })

  it('jumps straight to the target when a few new rows came or the rows are not the shown ones', () => {
    const shown = range(0, 30)
    const few = range(0, 35)
    expect(stageTowards(shown, few, 10)).toBe(few)
    expect(stageTowards(shown, range(100, 112), 10)).toEqual(range(100, 112).slice(0, 10))
  })
})
