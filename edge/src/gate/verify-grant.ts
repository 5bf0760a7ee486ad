/**
 * Whether a fresh grant opens the company the OAuth redirect named. The redirect's `realmId` is not
 * signed, so before a grant is stored its own access token must read that company's CompanyInfo:
 * Intuit answers 403 (AuthorizationFailed, 3100) to a token issued for another company.
 */
import { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'
import type { UpstreamCall, UpstreamResult } from './upstream.ts'

/** mismatch: the token is for another company; unavailable: try later; unverified: any other answer. */
export type GrantError = { kind: 'mismatch' | 'unavailable' | 'unverified'; message: string }
export type GrantCheck = Result<{ companyName: string | null }, GrantError>

const CompanyInfoBody = z.object({ CompanyInfo: z.object({ CompanyName: z.string() }) })

/** The one call that proves the grant: the realm's own CompanyInfo (its name is wanted anyway). */
export function companyInfoCall(realmId: string): UpstreamCall {
  const path = `companyinfo/${encodeURIComponent(realmId)}`
  return { realmId, method: 'GET', path, params: [], body: null, kind: 'call' }
}

export function checkCompanyInfo(result: UpstreamResult): GrantCheck {
  if (!result.ok) return err({ kind: 'unavailable', message: result.error.message })
  const { status, body } = result.value
  if (status === 200) return ok({ companyName: companyNameOf(body) })
  if (status === 403)
    return err({ kind: 'mismatch', message: 'QuickBooks refused this sign-in for the company it named.' })
  if (status === 429 || status >= 500) return err({ kind: 'unavailable', message: `QuickBooks answered ${status}.` })
  return err({ kind: 'unverified', message: `QuickBooks answered ${status} to CompanyInfo.` })
}

function companyNameOf(body: string): string | null {
  try {
    const parsed = CompanyInfoBody.safeParse(JSON.parse(body))
    return parsed.success ? parsed.data.CompanyInfo.CompanyName : null
  } catch {
    return null
  }
}
