import { describe, expect, it } from 'vitest'
import { ok } from '#shared/result.ts'
import type { SyncNowResult } from '../engine.ts'
import { PollLoop } from './poll-loop.ts'

/** A loop on hand-driven timers: `fire()` runs the pending timeout and waits for the next one to be set. */
function world(found: number[] = []) {
  let now = 0
  let due: { at: number; fn: () => void } | undefined
  let armed: () => void = () => {}
  const waits: number[] = []
  const loop = new PollLoop({
    syncNow: async () =>
      ok({
        push: {} as SyncNowResult['push'],
        pull: { changed: found.shift() ?? 0, created: 0, conflicts: 0, checkpoint: '' },
      }),
    settings: async () => ({ pullIntervalMinutes: 15, safetyPollHours: 6 }),
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => {
        waits.push(ms / 60_000)
        due = { at: now + ms, fn }
        armed()
        return due
      },
      clearTimeout: (h) => {
        if (h === due) due = undefined
      },
    },
    online: () => true,
  })
  const next = () => new Promise<void>((r) => (armed = r))
  return {
    loop,
    waits,
    next,
    async fire() {
      const { at, fn } = due!
      now = at
      const n = next()
      fn()
      await n
    },
  }
}

describe('PollLoop', () => {
  it('stretches while pulls find nothing and comes back after one that finds something', async () => {
    const w = world([0, 0, 2, 0])
    const first = w.next()
    w.loop.start()
    await first
    for (let i = 0; i < 4; i++) await w.fire()
    expect(w.waits).toStrictEqual([15, 30, 60, 15, 30])
    w.loop.stop()
  })

  it('polls every six hours once a webhook notice arrives', async () => {
    const w = world()
    const first = w.next()
    w.loop.start()
    await first
    const again = w.next()
    w.loop.noticed()
    await again
    await w.fire()
    expect(w.waits).toStrictEqual([15, 360, 360])
    w.loop.stop()
  })
})
