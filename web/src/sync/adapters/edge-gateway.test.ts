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

describe('edgeFault: the edge refusing this device', () => {
  it('device_removed stops the run like a lost connection, in the words that name the company', () => {
    const message = 'This device was removed from Rivera Plumbing by its owner.'
    const f = edgeFault({ code: 'device_removed', message }, 401)
    expect(f).toMatchObject({ kind: 'auth', retryable: false, action: 'none', code: 'device_removed' })
    expect(f.userMessage).toBe(message)
  })

  it("forbidden_role is a refusal not worth retrying, with the edge's own message", () => {
    const message = 'Only the owner or the office can delete or void in QuickBooks.'
    const f = edgeFault({ code: 'forbidden_role', message }, 403)
    expect(f).toMatchObject({ kind: 'fatal', retryable: false, action: 'none', userMessage: message })
  })
})
