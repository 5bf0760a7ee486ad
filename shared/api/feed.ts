/**
 * The live change feed: one WebSocket per open device to its company's RealmGate
 * (`GET /api/feed?since=<seq>`, upgraded; the session cookie names the company and device).
 * The gate sends every notice with a sequence number; a socket that reconnects with `since`
 * gets what it missed (or `reset` when that is no longer kept, and then pulls as usual).
 * The feed only speeds things up: a device that missed it catches up on its next pull.
 */
import { z } from 'zod'
import { CompanySettingsDoc } from './company-settings.ts'

export const FeedEntity = z.object({
  /** QuickBooks entity name: Customer, Item, Invoice, Payment. */
  entity: z.string(),
  id: z.string(),
  operation: z.string(),
})
export type FeedEntity = z.infer<typeof FeedEntity>

export const FeedMessage = z.discriminatedUnion('type', [
  /** First message on every socket: the latest sequence, and this device's id (to skip its own notices). */
  z.object({ type: z.literal('hello'), seq: z.int().nonnegative(), deviceId: z.string() }),
  /**
   * Records changed in QuickBooks, from Intuit's webhook (`origin: 'webhook'`) or from a device's own
   * successful write through the proxy (`origin: 'device'`, with that device's id so it can skip its own).
   */
  z.object({
    type: z.literal('changes'),
    seq: z.int().positive(),
    origin: z.enum(['webhook', 'device']),
    deviceId: z.string().nullable(),
    entities: z.array(FeedEntity),
  }),
  /** The company settings changed. */
  z.object({ type: z.literal('settings'), seq: z.int().positive(), doc: CompanySettingsDoc }),
  /** Asked for `since` older than the gate keeps: pull everything as usual. */
  z.object({ type: z.literal('reset'), seq: z.int().nonnegative() }),
  /** This device was removed or the company disconnected: the session is over. */
  z.object({
    type: z.literal('ended'),
    reason: z.enum(['device_removed', 'disconnected']),
    companyName: z.string().nullable(),
  }),
])
export type FeedMessage = z.infer<typeof FeedMessage>
