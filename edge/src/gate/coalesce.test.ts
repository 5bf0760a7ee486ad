import { describe, expect, it } from 'vitest'
import { ReadCoalescer } from './coalesce.ts'

type Answer = { ok: boolean; body: { n: number } }

function setup() {
  let t = 0
  let calls = 0
  const releases: Array<() => void> = []
  const coalescer = new ReadCoalescer<Answer>({ windowMs: 1000, now: () => t, keep: (a) => a.ok })
  let device = 0
  const read = (ok = true, who = `device-${device++}`) =>
    coalescer.share('cdc?changedSince=x', who, () => {
      calls++
      const n = calls
      return new Promise<Answer>((resolve) => releases.push(() => resolve({ ok, body: { n } })))
    })
  return {
    coalescer,
    read,
    calls: () => calls,
    release: () => releases.shift()!(),
    advance: (ms: number) => (t += ms),
  }
}

describe('ReadCoalescer', () => {
  it('sends identical reads in flight once, and gives each caller its own copy', async () => {
    const s = setup()
    const answers = [s.read(), s.read(), s.read(), s.read()]
    s.release()
    const got = await Promise.all(answers)
    expect(s.calls()).toBe(1)
    expect(got.map((a) => a.body.n)).toEqual([1, 1, 1, 1])
    got[0]!.body.n = 99
    expect(got[1]!.body.n).toBe(1)
  })

  it('shares a finished answer within the window, not after it', async () => {
    const s = setup()
    const first = s.read()
    s.release()
    await first
    s.advance(500)
    await s.read()
    expect(s.calls()).toBe(1)
    s.advance(600)
    const late = s.read()
    s.release()
    expect((await late).body.n).toBe(2)
  })

  it("sends a device's own repeated read again", async () => {
    const s = setup()
    const first = s.read(true, 'tablet')
    const again = s.read(true, 'tablet')
    const other = s.read(true, 'office')
    s.release()
    s.release()
    expect((await Promise.all([first, again, other])).map((a) => a.body.n)).toEqual([1, 2, 2])
    expect(s.calls()).toBe(2)
  })

  it('does not keep a failed answer, and forgets everything after a write', async () => {
    const s = setup()
    const failed = s.read(false)
    s.release()
    await failed
    const again = s.read()
    s.release()
    await again
    expect(s.calls()).toBe(2)
    s.coalescer.forget()
    const afterWrite = s.read()
    s.release()
    expect((await afterWrite).body.n).toBe(3)
  })
})
