import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findDuplicateKey, parseStrictJson } from './strict-json.ts'

describe('strict JSON', () => {
  it('reads every JSON text without a repeated key as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value)
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) })
      }),
    )
  })

  it('finds a key repeated anywhere, however it is spelled', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.jsonValue(), (obj, other) => {
        const [key] = Object.keys(obj)
        const inner = JSON.stringify(obj).slice(1, -1)
        const text = `[1,{"z":[{${inner},${JSON.stringify(key)}:${JSON.stringify(other)}}]}]`
        expect(findDuplicateKey(text)).toBe(key)
      }),
    )
  })

  it.each([
    ['{"BatchItemRequest":[],"BatchItemRequest":[{"bId":"1"}]}', 'BatchItemRequest'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"a":{"b":1},"c":{"b":2,"b":3}}', 'b'],
    ['{"a":"x\\"","a":1}', 'a'],
  ])('refuses %s', (text, key) => {
    expect(parseStrictJson(text)).toMatchObject({ ok: false, error: { kind: 'duplicate_key' } })
    expect(findDuplicateKey(text)).toBe(key)
  })

  it.each([['{"a":{"b":1},"c":{"b":2}}'], ['[{"a":1},{"a":2}]'], ['{"a":["b","b"],"b":"a"}'], ['{"a,\\"b":1,"b":2}']])(
    'accepts %s',
    (text) => {
      expect(parseStrictJson(text).ok).toBe(true)
    },
  )

  it('refuses what is not JSON', () => {
    expect(parseStrictJson('{"a":1,}')).toMatchObject({ ok: false, error: { kind: 'not_json' } })
    expect(parseStrictJson('a=1&b=2')).toMatchObject({ ok: false, error: { kind: 'not_json' } })
  })
})
