/**
 * One HTTP call to the QuickBooks Accounting API on behalf of a realm: the URL under
 * `/v3/company/{realmId}/` with the checked parameters and `minorversion`, the bearer token, the
 * edge's own Content-Type, a time limit, and Intuit's answer kept whole (status, body, the headers a
 * client needs: content type, intuit_tid, QBO-Version, Retry-After).
 */
import { err, ok, type Result } from '#shared/result.ts'
import type { ApiErrorCode } from '#shared/api/errors.ts'
import type { Config } from '../env.ts'
import type { CallKind } from '../pacer/policy.ts'
import { buildSearch } from '../proxy/search-params.ts'

/** A call to forward, already checked against the allowlist and rebuilt from what was checked. */
export interface UpstreamCall {
  realmId: string
  method: 'GET' | 'POST'
  /** Below `/v3/company/{realmId}/`, e.g. `invoice/42`. */
  path: string
  /** Query parameters, in order; `minorversion` is the edge's to add. */
  params: ReadonlyArray<readonly [string, string]>
  /** The canonical JSON body of a POST. */
  body: string | null
  kind: CallKind
}

/** Any code the edge answers with: the gate also admits devices, by role (team/team.ts). */
export type GateErrorCode = ApiErrorCode
export type GateError = { code: GateErrorCode; message: string; retryAfterMs?: number }

export interface UpstreamAnswer {
  status: number
  headers: Record<string, string>
  body: string
}
export type UpstreamResult = Result<UpstreamAnswer & { timing: { queuedMs: number; upstreamMs: number } }, GateError>

const passHeaders = ['content-type', 'intuit_tid', 'qbo-version', 'retry-after']

type ApiConfig = Pick<Config, 'apiBase' | 'minorVersion' | 'upstreamTimeoutMs'>

export function upstreamUrl(
  config: Pick<ApiConfig, 'apiBase' | 'minorVersion'>,
  call: Pick<UpstreamCall, 'realmId' | 'path' | 'params'>,
): string {
  const search = buildSearch([...call.params, ['minorversion', config.minorVersion]])
  return `${config.apiBase}/v3/company/${encodeURIComponent(call.realmId)}/${call.path}?${search}`
}

export const unreachable: GateError = {
  code: 'intuit_unavailable',
  message: 'QuickBooks could not be reached. Please try again in a few minutes.',
}

/** Intuit's answer, or a network failure or time-out as `intuit_unavailable` (details to the log). */
export async function sendUpstream(
  config: ApiConfig,
  call: UpstreamCall,
  accessToken: string,
): Promise<Result<UpstreamAnswer, GateError>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }
  if (call.method === 'POST') headers['Content-Type'] = 'application/json'
  try {
    const body = call.method === 'POST' ? (call.body ?? '') : undefined
    const res = await fetch(upstreamUrl(config, call), {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(config.upstreamTimeoutMs),
    })
    const text = await res.text()
    const kept: Record<string, string> = {}
    for (const h of passHeaders) {
      const v = res.headers.get(h)
      if (v !== null) kept[h] = v
    }
    return ok({ status: res.status, headers: kept, body: text })
  } catch (e) {
    console.error('upstream call failed', { realmId: call.realmId, path: call.path, error: String(e) })
    return err(unreachable)
  }
}
