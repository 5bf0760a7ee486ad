/** `GET /api/session[?changesSince=<seq>]`: what the app needs to draw the QuickBooks card. */
import { z } from 'zod'
import { Device } from './team.ts'

/** One entity QuickBooks said changed, from a webhook delivery. */
export const WebhookChange = z.object({
  seq: z.number().int().positive(),
  entity: z.string(),
  id: z.string(),
  operation: z.string(),
  /** Intuit's lastUpdated (or the event time), as sent. */
  lastUpdated: z.string().nullable(),
  receivedAt: z.string(),
})
export type WebhookChange = z.infer<typeof WebhookChange>

/** The most changes one session answer lists; an answer listing this many may have left some out. */
export const MAX_CHANGES_LISTED = 200

export const SessionQuery = z.object({
  /** The `changes.seq` the app saw last; only later changes are listed. */
  changesSince: z.coerce.number().int().nonnegative().optional(),
})
export type SessionQuery = z.infer<typeof SessionQuery>

export const SessionResponse = z.discriminatedUnion('connected', [
  z.object({ connected: z.literal(false), needsReconnect: z.boolean() }),
  z.object({
    connected: z.literal(true),
    realmId: z.string(),
    companyName: z.string().nullable(),
    /** This device, with the role the edge enforces. */
    device: Device,
    /** Devices with a session on this company (shown by Disconnect, which ends them all). */
    deviceCount: z.int().positive(),
    /** ISO time the refresh token lapses unless used (Intuit's rolling 100 days). */
    refreshTokenExpiresAt: z.string(),
    /** Intuit refused the refresh token: show Reconnect. */
    needsReconnect: z.boolean(),
    changes: z.object({
      /** Highest change sequence recorded for this realm; pass it back as changesSince. */
      seq: z.number().int().nonnegative(),
      /** Whether QuickBooks reported changes after changesSince. */
      changed: z.boolean(),
      /** Up to MAX_CHANGES_LISTED of those changes, oldest first. */
      entities: z.array(WebhookChange),
    }),
  }),
])
export type SessionResponse = z.infer<typeof SessionResponse>

export const DisconnectResponse = z.object({
  disconnected: z.literal(true),
  revoked: z.boolean(),
  /** Devices whose sessions the disconnect ended, this one included. */
  deviceCount: z.int().nonnegative(),
})
export type DisconnectResponse = z.infer<typeof DisconnectResponse>
