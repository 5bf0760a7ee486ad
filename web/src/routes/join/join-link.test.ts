import { describe, expect, it } from 'vitest'
import { joinLinkTarget } from './join-link.ts'

describe('join links', () => {
  it("turn the QR code's address into the app's join page with its code", () => {
    expect(joinLinkTarget({ pathname: '/join', search: '?code=K7QM-3XPA', hash: '' })).toBe('/#/join?code=K7QM-3XPA')
    expect(joinLinkTarget({ pathname: '/join/', search: '?code=K7QM-3XPA', hash: '' })).toBe('/#/join?code=K7QM-3XPA')
  })
  it('leave every other address alone', () => {
    expect(joinLinkTarget({ pathname: '/', search: '', hash: '#/join?code=X' })).toBeUndefined()
    expect(joinLinkTarget({ pathname: '/', search: '', hash: '' })).toBeUndefined()
    expect(joinLinkTarget({ pathname: '/joinery', search: '', hash: '' })).toBeUndefined()
  })
})
