/**
 * What a webhook notice asks the pull to read: just the kinds it names, and — where few, and none was deleted or
 * merged (a query cannot see a deleted record, and a merge moves transactions the notice does not name) — just
 * their ids. A notice read covers only what it names, so the checkpoint stays for the next full pull.
 * @module
 */
import { PULLED_ENTITIES, type PulledEntity } from './window.ts'

/** One entity a webhook said changed (the edge's `WebhookChange`, as far as the pull needs it). */
export interface NoticeChange {
  entity: string
  id: string
  operation: string
}

export interface PullScope {
  entities: PulledEntity[]
  /** Read these by Id instead of CDC; absent: CDC for `entities`. */
  ids?: Partial<Record<PulledEntity, string[]>>
}

/** At most this many ids are read by Id (one query per kind); more, and CDC for the kinds is as cheap. */
export const NOTICE_ID_LIMIT = 30

const pulled = (e: string): e is PulledEntity => (PULLED_ENTITIES as readonly string[]).includes(e)

/** The scope of a notice, or undefined when it names nothing the app keeps. */
export function scopeOfNotice(changes: readonly NoticeChange[]): PullScope | undefined {
  const named = changes.filter((c) => pulled(c.entity))
  if (named.length === 0) return undefined
  const entities = PULLED_ENTITIES.filter((e) => named.some((c) => c.entity === e))
  // An invoice or payment made in QuickBooks may name a customer or item not here yet: the pull fetches those.
  const byId = named.every((c) => c.operation !== 'Delete' && c.operation !== 'Merge')
  const ids: Partial<Record<PulledEntity, string[]>> = {}
  for (const e of entities) ids[e] = [...new Set(named.filter((c) => c.entity === e).map((c) => c.id))]
  const few = Object.values(ids).every((list) => list.length <= NOTICE_ID_LIMIT)
  return byId && few ? { entities, ids } : { entities }
}
