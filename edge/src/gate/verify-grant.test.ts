import { describe, expect, it } from 'vitest'
import { checkCompanyInfo } from './verify-grant.ts'
import type { UpstreamResult } from './upstream.ts'
import { err, ok } from '#shared/result.ts'

const answer = (status: number, body = ''): UpstreamResult =>
  ok({ status, body, headers: {}, timing: { queuedMs: 0, upstreamMs: 0 } })

describe("a fresh grant's CompanyInfo check", () => {
  it('accepts a 200 and reads the name, or null when the body is not CompanyInfo', () => {
    const named = answer(200, JSON.stringify({ CompanyInfo: { CompanyName: 'Rivera Plumbing' } }))
    expect(checkCompanyInfo(named)).toEqual(ok({ companyName: 'Rivera Plumbing' }))
    expect(checkCompanyInfo(answer(200, '<xml/>'))).toEqual(ok({ companyName: null }))
  })

  it.each([
    [answer(403, '{"fault":{"error":[{"code":"3100"}]}}'), 'mismatch'],
    [answer(429), 'unavailable'],
    [answer(503), 'unavailable'],
    [err({ code: 'intuit_unavailable', message: 'unreachable' }), 'unavailable'],
    [err({ code: 'paced', message: 'wait', retryAfterMs: 9000 }), 'unavailable'],
    [answer(401), 'unverified'],
    [answer(400), 'unverified'],
  ] satisfies [UpstreamResult, string][])('refuses anything but a 200 (%#)', (result, kind) => {
    expect(checkCompanyInfo(result)).toMatchObject({ ok: false, error: { kind } })
  })
})
