/**
 * Errors the edge answers with, as data: `{ error: { code, message, retryAfterMs? } }`.
 * The code is a closed union so the web client can switch on it; the message is for people.
 */
import { z } from 'zod'

export const apiErrorCodes = [
  /** A var or secret the edge needs is not set; the log names it, the browser is told only that setup is unfinished. */
  'config_missing',
  /** No valid session cookie. */
  'unauthenticated',
  /** The session's grant was replaced or revoked (disconnect, or a reconnect elsewhere): connect again. */
  'session_ended',
  /** The session names another QuickBooks company than the request. */
  'realm_mismatch',
  /** The proxy does not forward this method and path. */
  'forbidden_path',
  /** The realm holds no tokens (never connected, or disconnected). */
  'not_connected',
  /** Intuit refused the refresh token (revoked, expired, superseded): the user must reconnect. */
  'needs_reconnect',
  /**
   * The edge is holding this realm's calls to stay under Intuit's limits, or the company spent its daily budget of
   * QuickBooks calls (then retryAfterMs points at the next UTC midnight); retry after retryAfterMs.
   */
  'paced',
  /** Intuit (or the server standing in for it) could not be reached or answered 5xx. */
  'intuit_unavailable',
  /** The request itself was malformed. */
  'bad_request',
  /** A webhook without a valid intuit-signature. */
  'bad_signature',
  /** Not the app's own page: another site, a top-level navigation, or a foreign Origin on a write. */
  'forbidden_origin',
  /** This device's role may not do this (owner, office, crew): the message says who can. */
  'forbidden_role',
  /** The company's owner removed this device: its session is over. */
  'device_removed',
  /** The join code is wrong, used, expired or burned after too many tries. */
  'join_code_invalid',
  /** Too many join tries from this client; retry after retryAfterMs. */
  'join_rate_limited',
  /** A settings write based on an older version: the body carries the current copy. */
  'settings_conflict',
  'not_found',
  'internal',
] as const

export const ApiErrorCode = z.enum(apiErrorCodes)
export type ApiErrorCode = z.infer<typeof ApiErrorCode>

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  retryAfterMs: z.number().int().nonnegative().optional(),
})
export type ApiError = z.infer<typeof ApiError>

export const ApiErrorBody = z.object({ error: ApiError })
export type ApiErrorBody = z.infer<typeof ApiErrorBody>
