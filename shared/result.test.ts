import { describe, expect, it } from 'vitest'
import { err, mapResult, ok, type Result } from './result.ts'

describe('Result', () => {
  it('survives structuredClone with its fields, as comlink needs', () => {
    const failure: Result<number, { kind: string; message: string }> = err({
      kind: 'offline',
      message: 'No connection',
    })
    const cloned = structuredClone(failure)
    expect(cloned).toStrictEqual({ ok: false, error: { kind: 'offline', message: 'No connection' } })
    expect(structuredClone(ok([1, 2]))).toStrictEqual({ ok: true, value: [1, 2] })
  })

  it('maps success values and leaves failures alone', () => {
    expect(mapResult(ok(2), (n) => n * 10)).toStrictEqual(ok(20))
    const failure = err('nope')
    expect(mapResult<number, number, string>(failure, (n) => n * 10)).toBe(failure)
  })
})
