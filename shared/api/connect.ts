/**
 * How the OAuth connect flow reports back to the app: a redirect to
 * `/#/settings?qbo=connected` or `/#/settings?qbo=error&code=<ConnectErrorCode>`, and, when it ran
 * in a popup, the same outcome posted to the opener as a {@link ConnectMessage}.
 */
import { z } from 'zod'
import { RealmId } from '../ids.ts'

export const connectErrorCodes = [
  /** The user declined consent at Intuit. */
  'access_denied',
  /** The state came back missing, altered, from another browser, or the state cookie is gone. */
  'state_mismatch',
  /** The state was right but the attempt took too long; start again. */
  'state_expired',
  /** Intuit refused the authorization code (reused, expired, or issued to another app). */
  'invalid_grant',
  /** Intuit could not be reached or answered 5xx. */
  'intuit_unavailable',
  /** Intuit's redirect lacked the code or realmId, or named another error. */
  'invalid_callback',
  /** The sign-in's tokens do not open the company the redirect named (its realmId was altered); nothing stored. */
  'realm_mismatch',
  /** The edge is missing a var or secret. */
  'config_missing',
  /** Anything else that went wrong at the edge (logged there); trying again may work. */
  'edge_error',
] as const

export const ConnectErrorCode = z.enum(connectErrorCodes)
export type ConnectErrorCode = z.infer<typeof ConnectErrorCode>

/** Posted to `window.opener` (target origin: the app's) by the popup's last page. */
export const ConnectMessage = z.discriminatedUnion('status', [
  z.object({
    type: z.literal('fieldsync:qbo-connect'),
    status: z.literal('connected'),
    realmId: RealmId,
    companyName: z.string().nullable(),
  }),
  z.object({
    type: z.literal('fieldsync:qbo-connect'),
    status: z.literal('error'),
    code: ConnectErrorCode,
    message: z.string(),
  }),
])
export type ConnectMessage = z.infer<typeof ConnectMessage>

/** The app route the flow returns to, with the outcome in the hash's query. */
export function connectReturnPath(
  outcome: { status: 'connected' } | { status: 'error'; code: ConnectErrorCode },
): string {
  return outcome.status === 'connected' ? '/#/settings?qbo=connected' : `/#/settings?qbo=error&code=${outcome.code}`
}
