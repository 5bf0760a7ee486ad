/**
 * Replay protection for webhook deliveries. A signed delivery stays signed forever, so the edge
 * remembers each one for the window (a day by default) and ignores it when it comes again, and
 * ignores any delivery whose events are dated outside that window (too old to be remembered, or
 * from the future). Either way it is acknowledged, so Intuit stops sending it.
 *
 * A delivery's key: the ids of its CloudEvents, or, for the classic shape (no ids), a hash of its bytes.
 */
import { z } from 'zod'
import { sha256Base64Url } from '../crypto/base64.ts'

/** Realm ids are digits: this name can never be a company's. */
export const WEBHOOK_LEDGER = 'webhook-ledger'

/** How far ahead of the edge's clock an event may be dated (clock skew). */
const FUTURE_SKEW_MS = 5 * 60_000

const Dated = z.union([
  z.array(z.object({ id: z.string().min(1), time: z.string().optional() })),
  z.object({
    eventNotifications: z.array(
      z.object({
        dataChangeEvent: z.object({ entities: z.array(z.object({ lastUpdated: z.string().optional() })) }).optional(),
      }),
    ),
  }),
])

export async function deliveryKey(json: unknown, rawText: string): Promise<string> {
  const parsed = Dated.safeParse(json)
  if (parsed.success && Array.isArray(parsed.data)) {
    return `ce:${await sha256Base64Url(
      parsed.data
        .map((e) => e.id)
        .sort()
        .join('\u0000'),
    )}`
  }
  return `body:${await sha256Base64Url(rawText)}`
}

/** Whether the delivery's event times (when it has any) fall inside the window around `now`. */
export function withinWindow(json: unknown, now: number, windowMs: number): boolean {
  const parsed = Dated.safeParse(json)
  if (!parsed.success) return true
  const texts = Array.isArray(parsed.data)
    ? parsed.data.map((e) => e.time)
    : parsed.data.eventNotifications.flatMap((n) => n.dataChangeEvent?.entities.map((e) => e.lastUpdated) ?? [])
  const times = texts.flatMap((t) => (t === undefined || Number.isNaN(Date.parse(t)) ? [] : [Date.parse(t)]))
  if (times.length === 0) return true
  return Math.max(...times) >= now - windowMs && Math.min(...times) <= now + FUTURE_SKEW_MS
}

export function migrateLedger(sql: SqlStorage): void {
  sql.exec('CREATE TABLE IF NOT EXISTS webhook_seen (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)')
}

/** True the first time `key` is claimed within `windowMs`; later claims are replays. */
export function claimDelivery(sql: SqlStorage, key: string, now: number, windowMs: number): boolean {
  sql.exec('DELETE FROM webhook_seen WHERE seen_at < ?', now - windowMs)
  const seen = sql.exec('SELECT 1 FROM webhook_seen WHERE key = ?', key).toArray().length > 0
  if (!seen) sql.exec('INSERT INTO webhook_seen (key, seen_at) VALUES (?, ?)', key, now)
  return !seen
}
