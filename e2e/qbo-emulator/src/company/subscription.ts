/**
 * A company's QuickBooks subscription, as CompanyInfo's `SubscriptionStatus` name-value reports it
 * (docs/quickbooks.md §3.6). A company whose subscription ended or was suspended refuses writes with 6190
 * "Invalid Company Status", which Intuit has been seen to send with HTTP 200 (§9.2, §9.3, §15.12):
 * clients that only check the status miss it. Reads go on, so the app can read CompanyInfo and see why.
 */
import type { SubscriptionStatus } from '../config.ts'
import type { RealmState } from './state.ts'
import type { Json } from './types.ts'
import type { Fault } from './result.ts'
import { faults } from './faults.ts'
import { isObject } from './json.ts'

/** Which statuses stop writes is not documented; these are the ones the error's wording covers. */
const REFUSING: ReadonlySet<string> = new Set(['SUSPENDED', 'EXPIRED', 'CANCELLED'])

export function subscriptionStatus(state: RealmState): string | undefined {
  const pairs = Array.isArray(state.companyInfo.NameValue) ? state.companyInfo.NameValue : []
  const pair = pairs.find((p): p is Json => isObject(p) && p.Name === 'SubscriptionStatus')
  return typeof pair?.Value === 'string' ? pair.Value : undefined
}

export function setSubscriptionStatus(state: RealmState, status: SubscriptionStatus): void {
  const pairs = Array.isArray(state.companyInfo.NameValue) ? state.companyInfo.NameValue : []
  const entry = { Name: 'SubscriptionStatus', Value: status }
  const has = pairs.some((p) => isObject(p) && p.Name === 'SubscriptionStatus')
  const next = has ? pairs.map((p) => (isObject(p) && p.Name === 'SubscriptionStatus' ? entry : p)) : [...pairs, entry]
  state.companyInfo = { ...state.companyInfo, NameValue: next }
}

/** The fault a write gets from this company now, if any. */
export function writeRefusal(state: RealmState): Fault | undefined {
  const status = subscriptionStatus(state)
  return status !== undefined && REFUSING.has(status) ? faults.invalidCompanyStatus() : undefined
}
