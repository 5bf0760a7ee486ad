import { describe, expect, it } from 'vitest'
import { createRerun, type Timers } from './live-rerun.ts'

function fakeTimers() {
  let now = 0
  let queue: { at: number; fn: () => void; id: number }[] = []
  let next = 1
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++
      queue.push({ at: now + ms, fn, id })
      return id
    },
    clearTimeout: (h) => {
      queue = queue.filter((t) => t.id !== h)
    },
  }
  const advance = async (ms: number) => {
    const end = now + ms
    for (;;) {
      queue.sort((a, b) => a.at - b.at)
      const t = queue[0]
      if (!t || t.at > end) break
      queue.shift()
      now = t.at
      t.fn()
      for (let i = 0; i < 5; i++) await Promise.resolve()
    }
    now = end
  }
  return { timers, advance }
}

describe('createRerun', () => {
  it('runs once for changes announced together, on the next task', async () => {
    const { timers, advance } = fakeTimers()
    const starts: number[] = []
    const r = createRerun(
      async () => {
        starts.push(timers.now())
      },
      250,
      timers,
    )
    r.changed()
    r.changed()
    r.changed()
    expect(starts).toEqual([])
    await advance(0)
    expect(starts).toEqual([0])
    await advance(1000)
    expect(starts).toEqual([0])
  })

  it('runs at most once per gap while changes stream, and once after the last change', async () => {
    const { timers, advance } = fakeTimers()
    const starts: number[] = []
    const r = createRerun(
      async () => {
        starts.push(timers.now())
      },
      250,
      timers,
    )
    for (let t = 0; t < 1000; t += 10) {
      r.changed()
      await advance(10)
    }
    await advance(1000)
    expect(starts.length).toBeLessThanOrEqual(6)
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(250)
    // The last change (at 990) is covered by a run that started after it.
    expect(starts.at(-1)!).toBeGreaterThanOrEqual(990)
  })

  it('never overlaps runs: a change during a run waits for it to end', async () => {
    const { timers, advance } = fakeTimers()
    let active = 0
    let most = 0
    let release: () => void = () => {}
    const r = createRerun(
      () =>
        new Promise<void>((ok) => {
          active++
          most = Math.max(most, active)
          release = () => {
            active--
            ok()
          }
        }),
      100,
      timers,
    )
    r.changed()
    await advance(0)
    r.changed()
    await advance(500)
    expect(most).toBe(1)
    release()
    await advance(0)
    await advance(0)
    expect(most).toBe(1)
    expect(active).toBe(1)
  })

  it('starts nothing after dispose', async () => {
    const { timers, advance } = fakeTimers()
    let runs = 0
    const r = createRerun(
      async () => {
        runs++
      },
      100,
      timers,
    )
    r.changed()
    r.dispose()
    await advance(1000)
    expect(runs).toBe(0)
  })
})
