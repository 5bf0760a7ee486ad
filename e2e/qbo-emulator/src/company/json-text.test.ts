import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepFreeze } from './json.ts'
import { jsonText } from './json-text.ts'

describe('jsonText', () => {
  it('writes what JSON.stringify writes, for any JSON value, frozen, unfrozen or mixed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const frozen = deepFreeze(structuredClone(b))
        const mixed = { a, frozen, list: [frozen, a, { frozen }] }
        expect(jsonText(a)).toBe(JSON.stringify(a))
        expect(jsonText(frozen)).toBe(JSON.stringify(frozen))
        expect(jsonText(mixed)).toBe(JSON.stringify(mixed))
        expect(jsonText(mixed)).toBe(JSON.stringify(mixed)) // second time from the cached text
      }),
    )
  })

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, 1], c: { d: undefined }, e: new Date(0) }
    expect(jsonText(v)).toBe(JSON.stringify(v))
    expect(jsonText(undefined)).toBe('null')
  })
})
