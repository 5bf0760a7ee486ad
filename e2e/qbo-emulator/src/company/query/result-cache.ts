/**
 * The filtered, sorted rows of a recent query, kept per company until the entity's table changes, so
 * paging through it with STARTPOSITION costs a slice per page instead of a filter and sort of the whole
 * table (an initial sync of 10,000 invoices asks for the same query ten times, one page apiece).
 */
import type { EntityName, Json } from '../types.ts'
import type { RealmState } from '../state.ts'

const MAX_ENTRIES = 16

interface Entry {
  version: number
  rows: readonly Json[]
}

const caches = new WeakMap<RealmState, Map<string, Entry>>()

/** The rows for `key` if the table is unchanged since they were computed; otherwise computes and keeps them. */
export function cachedRows(state: RealmState, entity: EntityName, key: string, compute: () => Json[]): readonly Json[] {
  let cache = caches.get(state)
  if (cache === undefined) caches.set(state, (cache = new Map()))
  const version = state.versions[entity]
  const hit = cache.get(key)
  if (hit !== undefined && hit.version === version) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(key)
    cache.set(key, hit)
    return hit.rows
  }
  const rows = compute()
  cache.delete(key)
  cache.set(key, { version, rows })
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return rows
}
