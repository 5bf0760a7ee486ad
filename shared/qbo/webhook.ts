import { z } from 'zod'
import { QboId, RealmId } from '../ids.ts'

// Webhook bodies in both shapes Intuit sends during the CloudEvents migration. They only
// say what changed; the data comes from a read or CDC afterwards.

/**
 * Operations Intuit documents. The schema keeps `operation` open text so that a new
 * operation does not make a whole delivery unreadable (the realm still needs a CDC pull).
 */
export const QBO_WEBHOOK_OPERATIONS = ['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed'] as const

export const QboWebhookEntityChange = z.looseObject({
  name: z.string().min(1),
  id: QboId,
  operation: z.string().min(1),
  /** Authoritative ordering: events may arrive out of order. Offsets come as `-0700` or `Z`. */
  lastUpdated: z.string().min(1),
  /** Merge events name the merged-away entity (older documentation). */
  deletedId: QboId.optional(),
})
export type QboWebhookEntityChange = z.infer<typeof QboWebhookEntityChange>

/** Classic payload: one element per realm. */
export const QboWebhookNotification = z.looseObject({
  eventNotifications: z.array(
    z.looseObject({
      realmId: RealmId,
      dataChangeEvent: z.looseObject({ entities: z.array(QboWebhookEntityChange) }),
    }),
  ),
})
export type QboWebhookNotification = z.infer<typeof QboWebhookNotification>

/** One CloudEvent; `type` is `qbo.<entity>.<verb>.v<n>`. */
export const QboCloudEvent = z.looseObject({
  specversion: z.string(),
  id: z.string().min(1),
  source: z.string(),
  type: z.string().regex(/^qbo\.[a-z]+\.[a-z]+\.v\d+$/, 'expected qbo.<entity>.<verb>.v<n>'),
  datacontenttype: z.string().optional(),
  time: z.string(),
  intuitentityid: QboId,
  /** The realm id. */
  intuitaccountid: RealmId,
  data: z.unknown().optional(),
})
export type QboCloudEvent = z.infer<typeof QboCloudEvent>

/** CloudEvents body: a JSON array of events. */
export const QboCloudEventBatch = z.array(QboCloudEvent)
export type QboCloudEventBatch = z.infer<typeof QboCloudEventBatch>

/** Splits a CloudEvent `type`, e.g. `qbo.customer.created.v1` → customer / created / 1. */
export function cloudEventKind(type: string): { entity: string; verb: string; version: number } | undefined {
  const match = /^qbo\.([a-z]+)\.([a-z]+)\.v(\d+)$/.exec(type)
  if (!match?.[1] || !match[2] || !match[3]) return undefined
  return { entity: match[1], verb: match[2], version: Number(match[3]) }
}
