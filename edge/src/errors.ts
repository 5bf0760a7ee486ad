/** Edge error responses: `{ error: { code, message, retryAfterMs? } }` with a status per code. */
import type { Context } from 'hono'
import type { ApiErrorBody, ApiErrorCode } from '#shared/api/errors.ts'

const statusOf: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502> = {
  config_missing: 500,
  unauthenticated: 401,
  session_ended: 401,
  realm_mismatch: 403,
  forbidden_path: 403,
  forbidden_origin: 403,
  not_connected: 409,
  needs_reconnect: 409,
  paced: 429,
  intuit_unavailable: 502,
  bad_request: 400,
  bad_signature: 401,
  forbidden_role: 403,
  device_removed: 401,
  join_code_invalid: 403,
  join_rate_limited: 429,
  settings_conflict: 409,
  not_found: 404,
  internal: 500,
}

export function apiError(c: Context, code: ApiErrorCode, message: string, retryAfterMs?: number): Response {
  const body: ApiErrorBody = { error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } }
  if (retryAfterMs !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))))
  c.header('Cache-Control', 'no-store')
  return c.json(body, statusOf[code])
}
