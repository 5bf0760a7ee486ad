import { describe, expect, it } from 'vitest'
import { fairOrder } from './fair-order.ts'

describe('fair order', () => {
  const queue = (...ids: string[]) => ids.map((id) => ({ id, owner: id[0]! }))

  it('takes one call of each session in turn, each session first come first served', () => {
    const q = queue('a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'b2')
    expect(fairOrder(q, new Map()).map((w) => w.id)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4'])
  })

  it('starts with the session served longest ago', () => {
    const q = queue('a1', 'a2', 'b1', 'c1')
    const served = new Map([
      ['a', 7],
      ['b', 3],
    ])
    expect(fairOrder(q, served).map((w) => w.id)).toEqual(['c1', 'b1', 'a1', 'a2'])
  })

  it('keeps a single session in its own order', () => {
    const q = [1, 2, 3].map((id) => ({ id, owner: '' }))
    expect(fairOrder(q, new Map([['', 1]]))).toEqual(q)
  })
})
