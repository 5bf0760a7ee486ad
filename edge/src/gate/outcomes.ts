/** What the RealmGate answers and holds, and the errors it gives the browser (in plain words). */
import type { WebhookChange } from '#shared/api/session.ts'
import type { CompanySettingsDoc } from '#shared/api/company-settings.ts'
import type { Device, Permission } from '#shared/api/team.ts'
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
  /** The asking device while connected, and how many devices the company has. */
  device: Device | null
  deviceCount: number
  /** Set when the asking device was removed: its session is over, and this says so. */
  refused: GateError | null
}

/**
 * Who asks: the session's device (admitted again just before each send, and the unit of fair pacing)
 * and what the call needs its role to allow.
 */
export interface Caller {
  device: string
  permission: Permission
}

/** A connect's outcome: the device that connected (an owner now) and the company's name. */
export type GrantOutcome = Result<{ device: Device; companyName: string | null }, GrantError>

/** A usable access token, or why there is none. */
export type TokenOutcome = Result<string, GateError>

/** What the gate holds: no grant, a sealed grant that no longer opens (key rotated, tampered), or the pair. */
export type Held = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'open'; tokens: TokenPair }

/** The session names no device of this company: QuickBooks was disconnected since (which ends every device). */
export const sessionEnded: GateError = {
  code: 'session_ended',
  message: 'QuickBooks was disconnected since this device joined; connect again or join with a new code.',
}
/** A refresh whose pair a reconnect or disconnect replaced while Intuit answered: its outcome is dropped. */
export const superseded: GateError = {
  code: 'session_ended',
  message: 'QuickBooks was connected again or disconnected while this call waited.',
}
export const notConnected: TokenOutcome = err({
  code: 'not_connected',
  message: 'This QuickBooks company is not connected.',
})
export const reconnect = (): TokenOutcome =>
  err({ code: 'needs_reconnect', message: 'QuickBooks ended the connection; reconnect to continue.' })

/** A device admitted to this company, with the company's name (for answers that show it). */
export type Admitted = Result<{ device: Device; companyName: string | null }, GateError>

/** What every device of the company must hear about (the live feed carries it, edge/src/feed). */
export type Announcement =
  | { type: 'settings'; doc: CompanySettingsDoc }
  | { type: 'ended'; reason: 'device_removed'; deviceId: string; companyName: string | null }
  | { type: 'ended'; reason: 'disconnected'; companyName: string | null }

/** A stale settings write: the error and the copy it should have been based on. */
export type SettingsWrite = Result<CompanySettingsDoc, GateError & { current?: CompanySettingsDoc }>

/** The browser completing a connect: the device its session named (if any) and a name for a new one. */
export interface ConnectingDevice {
  id: string | null
  name: string
}
