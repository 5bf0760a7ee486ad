import { describe, expect, it } from 'vitest'
import { edgeFault } from './edge-gateway.ts'

describe('edgeFault: the edge holding calls back', () => {
  it("a pacer wait of seconds reads as waiting, with the edge's retry time", () => {
    const f = edgeFault({ code: 'paced', message: 'QuickBooks allows 500 calls a minute', retryAfterMs: 4000 }, 429)
    expect(f).toMatchObject({ kind: 'rateLimit', retryable: true, retryAfterMs: 4000 })
    expect(f.userMessage).toBe('Waiting for QuickBooks; sync resumes by itself.')
  })

  it("a wait of hours is the company's daily budget: the edge's own words say when sync resumes", () => {
    const message = "This company has used today's 20000 QuickBooks reads. Sync picks up again after midnight UTC."
    const f = edgeFault({ code: 'paced', message, retryAfterMs: 5 * 3600_000 }, 429)
    expect(f).toMatchObject({ kind: 'rateLimit', retryAfterMs: 5 * 3600_000, userMessage: message })
  })
})
