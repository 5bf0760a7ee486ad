import { describe, expect, it } from 'vitest'
import { companyOfRemoval } from './removed-company.ts'

describe('companyOfRemoval', () => {
  it("is the company the edge's message names", () => {
    expect(companyOfRemoval('This device was removed from Rivera Plumbing by its owner.')).toBe('Rivera Plumbing')
  })
  it('is null when the edge had no name to give, or the words are not a removal', () => {
    expect(companyOfRemoval('This device was removed from this company by its owner.')).toBeNull()
    expect(companyOfRemoval('Only the owner can disconnect QuickBooks.')).toBeNull()
  })
})
