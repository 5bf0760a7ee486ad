import { describe, expect, it } from 'vitest'
import { nameKey, nameStem, nameWords, normalizeEmail } from './normalize.ts'

describe('normalizeEmail', () => {
  it.each([
    ['  Birds@Intuit.com ', 'birds@intuit.com'],
    ['ANN@ACME.TEST', 'ann@acme.test'],
    ['', undefined],
    ['   ', undefined],
    ['not-an-address', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected)
  })
})

describe('nameKey', () => {
  it.each([
    ['Smith Plumbing', 'smith plumbing'],
    ['  smith   PLUMBING\t', 'smith plumbing'],
    ["O'Brien Electric", 'obrien electric'],
    ['O’Brien Electric', 'obrien electric'],
    ['Smith & Sons', 'smith and sons'],
    ['Smith and Sons', 'smith and sons'],
    ['Smith Plumbing, L.L.C.', 'smith plumbing llc'],
    ['José Núñez', 'jose nunez'],
    ["Amy's Bird Sanctuary", 'amys bird sanctuary'],
    ['0969 Ocean View Road', '0969 ocean view road'],
    ['Dukes: Basketball Camp', 'dukes basketball camp'],
    ['---', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (input, expected) => {
    expect(nameKey(input)).toBe(expected)
  })

  it('keeps legal suffixes, so "Smith Plumbing" and "Smith Plumbing LLC" are different keys', () => {
    expect(nameKey('Smith Plumbing')).not.toBe(nameKey('Smith Plumbing LLC'))
  })
})

describe('nameStem', () => {
  it.each([
    ['Smith Plumbing LLC', 'smith plumbing'],
    ['Smith Plumbing, Inc.', 'smith plumbing'],
    ['Smith Plumbing Co. Ltd', 'smith plumbing'],
    ['Smith Plumbing', 'smith plumbing'],
    ['Company Store', 'company store'],
    ['Inc', 'inc'],
    ['LLC Inc', 'llc'],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(nameStem(input)).toBe(expected)
  })
})

describe('nameWords', () => {
  it.each([
    ['Lee, Ann', 'ann lee'],
    ['Ann Lee', 'ann lee'],
    ['Plumbing Smith LLC', 'plumbing smith'],
    ['Acme', 'acme'],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(nameWords(input)).toBe(expected)
  })
})
