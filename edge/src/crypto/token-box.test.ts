import { describe, expect, it } from 'vitest'
import { open, seal, tokenKey } from './token-box.ts'

describe('token box', () => {
  it('opens what it sealed, for the same realm and key', async () => {
    const key = await tokenKey('secret-a')
    const sealed = await seal(key, 'realm-1', 'RT1-abc')
    expect(sealed).not.toContain('RT1-abc')
    expect(await open(key, 'realm-1', sealed)).toBe('RT1-abc')
  })

  it('uses a fresh IV on every write', async () => {
    const key = await tokenKey('secret-a')
    const a = await seal(key, 'realm-1', 'same')
    const b = await seal(key, 'realm-1', 'same')
    expect(a.split('.')[1]).not.toBe(b.split('.')[1])
    expect(a).not.toBe(b)
  })

  it('refuses another realm, another key and a flipped bit', async () => {
    const key = await tokenKey('secret-a')
    const sealed = await seal(key, 'realm-1', 'RT1-abc')
    expect(await open(key, 'realm-2', sealed)).toBeNull()
    expect(await open(await tokenKey('secret-b'), 'realm-1', sealed)).toBeNull()
    const [v, iv, data] = sealed.split('.')
    const flipped = data!.startsWith('A') ? `B${data!.slice(1)}` : `A${data!.slice(1)}`
    expect(await open(key, 'realm-1', `${v}.${iv}.${flipped}`)).toBeNull()
    expect(await open(key, 'realm-1', 'garbage')).toBeNull()
  })
})
