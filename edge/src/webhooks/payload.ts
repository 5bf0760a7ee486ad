/**
 * Webhook bodies in both of Intuit's shapes, reduced to per-realm change lists: the classic
 * `eventNotifications` object and the CloudEvents array Intuit is migrating to (docs/quickbooks.md §10).
 * A realm id of the wrong shape is dropped rather than failing the delivery: Intuit would only
 * resend the same bytes.
 */
import { z } from 'zod'
import { RealmId } from '#shared/ids.ts'

const Classic = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string().min(1),
      dataChangeEvent: z
        .object({
          entities: z.array(
            z.object({
              name: z.string(),
              id: z.string(),
              operation: z.string(),
              lastUpdated: z.string().optional(),
              deletedId: z.string().optional(),
            }),
          ),
        })
        .optional(),
    }),
  ),
})

const CloudEvent = z.object({
  type: z.string(),
  time: z.string().optional(),
  intuitentityid: z.string(),
  intuitaccountid: z.string(),
})
const CloudEvents = z.array(CloudEvent)

export interface RealmChange {
  entity: string
  id: string
  operation: string
  lastUpdated: string | null
}

export interface WebhookChanges {
  byRealm: Map<RealmId, RealmChange[]>
  /** Changes whose realm id is not one the edge could ever have connected; dropped. */
  ignored: number
}

/** Changes grouped by realm, or null when the body is neither shape. */
export function parseWebhook(body: unknown): WebhookChanges | null {
  const out: WebhookChanges = { byRealm: new Map(), ignored: 0 }
  const add = (rawRealmId: string, change: RealmChange) => {
    const realmId = RealmId.safeParse(rawRealmId)
    if (!realmId.success) {
      out.ignored++
      return
    }
    const list = out.byRealm.get(realmId.data) ?? []
    list.push(change)
    out.byRealm.set(realmId.data, list)
  }
  const classic = Classic.safeParse(body)
  if (classic.success) {
    for (const n of classic.data.eventNotifications) {
      for (const e of n.dataChangeEvent?.entities ?? [])
        add(n.realmId, { entity: e.name, id: e.id, operation: e.operation, lastUpdated: e.lastUpdated ?? null })
    }
    return out
  }
  const events = CloudEvents.safeParse(body)
  if (events.success) {
    for (const e of events.data) {
      // type = qbo.<entity>.<verb>.v1
      const [, entity = 'unknown', verb = 'unknown'] = e.type.split('.')
      add(e.intuitaccountid, {
        entity: capitalize(entity),
        id: e.intuitentityid,
        operation: capitalize(verb),
        lastUpdated: e.time ?? null,
      })
    }
    return out
  }
  return null
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)
