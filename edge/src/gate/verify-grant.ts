/**
 * Whether a fresh grant opens the company the OAuth redirect named. The redirect's `realmId` is not
 * signed, so before a grant is stored its own access token must read that company's CompanyInfo:
 * Intuit answers 403 (AuthorizationFailed, 3100) to a token issued for another company.
 */
import { z } from 'zod'
import type { UpstreamCall, UpstreamResult } from './upstream.ts'

export type GrantCheck =
  | { ok: true; companyName: string | null }
  /** mismatch: the token is for another company; unavailable: try later; unverified: any other answer. */
  | { ok: false; kind: 'mismatch' | 'unavailable' | 'unverified'; message: string }

const CompanyInfoBody = z.object({ CompanyInfo: z.object({ CompanyName: z.string() }) })

/** The one call that proves the grant: the realm's own CompanyInfo (its name is wanted anyway). */
export function companyInfoCall(realmId: string): UpstreamCall {
  return { realmId, method: 'GET', path: `companyinfo/${encodeURIComponent(realmId)}`, search: '', body: null, contentType: null, kind: 'call' }
}

export function checkCompanyInfo(result: UpstreamResult): GrantCheck {
  if (!result.ok) return { ok: false, kind: 'unavailable', message: result.error.message }
  if (result.status === 200) return { ok: true, companyName: companyNameOf(result.body) }
  if (result.status === 403) return { ok: false, kind: 'mismatch', message: 'QuickBooks refused this sign-in for the company it named.' }
  if (result.status === 429 || result.status >= 500) return { ok: false, kind: 'unavailable', message: `QuickBooks answered ${result.status}.` }
  return { ok: false, kind: 'unverified', message: `QuickBooks answered ${result.status} to CompanyInfo.` }
}

function companyNameOf(body: string): string | null {
  try {
    const parsed = CompanyInfoBody.safeParse(JSON.parse(body))
    return parsed.success ? parsed.data.CompanyInfo.CompanyName : null
  } catch {
    return null
  }
}
