import { describe, expect, it } from 'vitest'
import type { KeySet } from '../env.ts'
import { open, seal } from './token-box.ts'

const bytes = (fill: number) => new Uint8Array(32).fill(fill)
const keysA: KeySet = { current: bytes(1), previous: null }
const keysB: KeySet = { current: bytes(2), previous: null }

describe('token box', () => {
  it('opens what it sealed, for the same realm and key', async () => {
    const sealed = await seal(keysA, 'realm-1', 'RT1-abc')
    expect(sealed).not.toContain('RT1-abc')
    expect(await open(keysA, 'realm-1', sealed)).toEqual({ plaintext: 'RT1-abc', stale: false })
  })

  it('uses a fresh IV on every write', async () => {
    const a = await seal(keysA, 'realm-1', 'same')
    const b = await seal(keysA, 'realm-1', 'same')
    expect(a.split('.')[2]).not.toBe(b.split('.')[2])
  })

  it('refuses another realm, another key and a flipped bit', async () => {
    const sealed = await seal(keysA, 'realm-1', 'RT1-abc')
    expect(await open(keysA, 'realm-2', sealed)).toBeNull()
    expect(await open(keysB, 'realm-1', sealed)).toBeNull()
    const [v, id, iv, data] = sealed.split('.')
    const flipped = data!.startsWith('A') ? `B${data!.slice(1)}` : `A${data!.slice(1)}`
    expect(await open(keysA, 'realm-1', `${v}.${id}.${iv}.${flipped}`)).toBeNull()
    expect(await open(keysA, 'realm-1', 'garbage')).toBeNull()
  })

  it('still opens a blob sealed under the previous key after a rotation, as stale', async () => {
    const old = await seal(keysA, 'realm-1', 'RT1-abc')
    const rotated: KeySet = { current: bytes(2), previous: bytes(1) }
    expect(await open(rotated, 'realm-1', old)).toEqual({ plaintext: 'RT1-abc', stale: true })
    const resealed = await seal(rotated, 'realm-1', 'RT1-abc')
    expect(await open(rotated, 'realm-1', resealed)).toEqual({ plaintext: 'RT1-abc', stale: false })
    // Once the previous key is dropped, only re-sealed blobs open.
    expect(await open(keysB, 'realm-1', old)).toBeNull()
    expect(await open(keysB, 'realm-1', resealed)).toEqual({ plaintext: 'RT1-abc', stale: false })
  })
})
