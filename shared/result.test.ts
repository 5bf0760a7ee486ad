import { describe, expect, it } from 'vitest'
import { err, ok, type Result } from './result.ts'

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
})
