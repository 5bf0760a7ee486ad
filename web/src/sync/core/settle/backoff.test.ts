import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyFault } from '../faults.ts'
import { retryWaitMs, throttleBackoff } from './backoff.ts'

const intuit429 = classifyFault({ type: 'http', status: 429, body: 'ThrottleExceeded; errorCode=003001' })

describe('retryWaitMs', () => {
  it('an Intuit 429 names no wait of its own', () => {
    expect(intuit429.kind).toBe('rateLimit')
    expect(intuit429.retryAfterMs).toBeUndefined()
  })

  const cases: [string, { kind: string; retryAfterMs?: number }, number, number, number][] = [
    ['first unpredicted 429: about 2 s', intuit429, 1, 0.5, 2_000],
    ['second: about 4 s', intuit429, 2, 0.5, 4_000],
    ['third: about 8 s', intuit429, 3, 0.5, 8_000],
    ['lowest draw of the first step', intuit429, 1, 0, 1_500],
    ['highest draw of the first step', intuit429, 1, 0.999_999, 2_500],
    ['many in a row: never over a minute', intuit429, 12, 0.999_999, 60_000],
    ["the edge's pacer said 7 s: at least that", { kind: 'rateLimit', retryAfterMs: 7_000 }, 1, 0.5, 7_000],
    ['a 5xx keeps the general steps (0.5 s doubling)', { kind: 'transient' }, 3, 0.5, 1_500],
  ]
  it.each(cases)('%s', (_name, fault, attempt, random, ms) => {
    expect(retryWaitMs(fault, attempt, random)).toBe(ms)
  })

  it('grows while 429s keep coming, stays within 60 s, and is spread by the draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const wait = retryWaitMs(intuit429, n, r)
          const nominal = Math.min(throttleBackoff.maxMs, throttleBackoff.baseMs * 2 ** (n - 1))
          expect(wait).toBeGreaterThanOrEqual(Math.round(nominal * 0.75) - 1)
          expect(wait).toBeLessThanOrEqual(60_000)
          if (nominal * 2 <= throttleBackoff.maxMs) {
            expect(retryWaitMs(intuit429, n + 1, r)).toBeGreaterThan(wait)
          }
        },
      ),
    )
  })

  it("the first four 429s together cost well under Intuit's blanket minute", () => {
    const total = [1, 2, 3, 4].reduce((sum, n) => sum + retryWaitMs(intuit429, n, 0.999_999), 0)
    expect(total).toBeLessThan(40_000)
  })
})
