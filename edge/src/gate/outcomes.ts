/** What the RealmGate answers and holds, and the errors it gives the browser (in plain words). */
import type { WebhookChange } from '#shared/api/session.ts'
import { err, type Result } from '#shared/result.ts'
import type { TokenPair } from '../intuit/oauth-client.ts'
import type { GateError } from './upstream.ts'
import type { GrantError } from './verify-grant.ts'

export interface GateStatus {
  connected: boolean
  realmId: string | null
  companyName: string | null
  refreshExpiresAt: number | null
  needsReconnect: boolean
  changes: { seq: number; entities: WebhookChange[] }
}

/** Who asks: the session's grant (checked again just before each send) and the session, for fair pacing. */
export interface Caller {
  grant: string
  sid: string
}

export type GrantOutcome = Result<{ grantId: string; companyName: string | null }, GrantError>

/** A usable access token, or why there is none. */
export type TokenOutcome = Result<string, GateError>

/** What the gate holds: no grant, a sealed grant that no longer opens (key rotated, tampered), or the pair. */
export type Held = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'open'; tokens: TokenPair }

export const sessionEnded: GateError = {
  code: 'session_ended',
  message: 'QuickBooks was disconnected or connected again since this session began; connect again.',
}
export const notConnected: TokenOutcome = err({
  code: 'not_connected',
  message: 'This QuickBooks company is not connected.',
})
export const reconnect = (): TokenOutcome =>
  err({ code: 'needs_reconnect', message: 'QuickBooks ended the connection; reconnect to continue.' })
