/**
 * One HTTP call to the QuickBooks Accounting API on behalf of a realm: the URL under
 * `/v3/company/{realmId}/` with `minorversion` set and every other parameter (requestid included)
 * as the app sent it, the bearer token, and Intuit's answer kept whole (status, body, the headers
 * a client needs: content type, intuit_tid, QBO-Version, Retry-After).
 */
import { err, ok, type Result } from '#shared/result.ts'
import type { Config } from '../env.ts'
import type { CallKind } from '../pacer/policy.ts'

/** A call to forward, already checked against the allowlist. */
export interface UpstreamCall {
  realmId: string
  method: 'GET' | 'POST'
  /** Below `/v3/company/{realmId}/`, e.g. `invoice/42`. */
  path: string
  /** The caller's query string, without `?`. */
  search: string
  body: string | null
  contentType: string | null
  kind: CallKind
}

export type GateErrorCode =
  'not_connected' | 'session_ended' | 'needs_reconnect' | 'intuit_unavailable' | 'paced' | 'realm_mismatch'
export type GateError = { code: GateErrorCode; message: string; retryAfterMs?: number }

export interface UpstreamAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export type UpstreamResult = Result<UpstreamAnswer & { timing: { queuedMs: number; upstreamMs: number } }, GateError>

const passHeaders = ['content-type', 'intuit_tid', 'qbo-version', 'retry-after']

type ApiConfig = Pick<Config, 'apiBase' | 'minorVersion'>

export function upstreamUrl(config: ApiConfig, call: Pick<UpstreamCall, 'realmId' | 'path' | 'search'>): string {
  // The caller's parameters stay byte for byte (requestid is compared by Intuit as sent); only
  // minorversion is replaced.
  const kept = call.search
    .split('&')
    .filter((part) => part !== '' && new URLSearchParams(part).keys().next().value !== 'minorversion')
  kept.push(`minorversion=${encodeURIComponent(config.minorVersion)}`)
  return `${config.apiBase}/v3/company/${encodeURIComponent(call.realmId)}/${call.path}?${kept.join('&')}`
}

/** Intuit's answer, or a network failure as `intuit_unavailable`. */
export async function sendUpstream(
  config: ApiConfig,
  call: UpstreamCall,
  accessToken: string,
): Promise<Result<UpstreamAnswer, GateError>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }
  if (call.contentType) headers['Content-Type'] = call.contentType
  try {
    const body = call.method === 'POST' ? (call.body ?? '') : undefined
    const res = await fetch(upstreamUrl(config, call), { method: call.method, headers, body })
    const text = await res.text()
    const kept: Record<string, string> = {}
    for (const h of passHeaders) {
      const v = res.headers.get(h)
      if (v !== null) kept[h] = v
    }
    return ok({ status: res.status, headers: kept, body: text })
  } catch (e) {
    return err({ code: 'intuit_unavailable', message: `QuickBooks could not be reached (${String(e)}).` })
  }
}
