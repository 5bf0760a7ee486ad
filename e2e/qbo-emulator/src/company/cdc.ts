/**
 * Change Data Capture (docs/quickbooks.md §6): full records changed since `changedSince` (within the last
 * 30 days of emulator time), deleted transactions as `status: "Deleted"` stubs, oldest change
 * first, at most 1000 objects. Intuit does not say whether the cap is per entity or shared by the
 * requested entities, so it is a switch: `perEntity` (default) or `shared`, where the oldest 1000
 * changes across all entities are kept. Inactivated and voided records appear as ordinary updates.
 * Tax codes and rates are not available through CDC, as at Intuit.
 */
import type { EntityName, Json } from './types.ts'
import type { RealmState } from './state.ts'
import type { Result } from './result.ts'
import { err, ok } from './result.ts'
import { faults } from './faults.ts'
import { formatTimestamp, parseTimestamp } from './time.ts'
import { entityFromName } from './entity-paths.ts'

export const CDC_LOOKBACK_MS = 30 * 86_400_000
export const CDC_MAX_OBJECTS = 1000
export type CdcCap = 'perEntity' | 'shared'
const NOT_IN_CDC: ReadonlySet<EntityName> = new Set(['TaxCode', 'TaxRate'])

export function runCdc(
  state: RealmState,
  now: number,
  entitiesParam: string,
  changedSinceParam: string,
  cap: CdcCap = 'perEntity',
): Result<Json[]> {
  if (!entitiesParam.trim()) return err(faults.required('entities'))
  if (!changedSinceParam.trim()) return err(faults.required('changedSince'))
  const entities: EntityName[] = []
  for (const name of entitiesParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const entity = entityFromName(name)
    if (!entity || NOT_IN_CDC.has(entity))
      return err(faults.queryValidation(`CDC is not supported for entity: ${name}`))
    if (!entities.includes(entity)) entities.push(entity)
  }
  const since = parseTimestamp(changedSinceParam.trim())
  if (since === undefined) return err(faults.invalidNumber('changedSince', changedSinceParam))
  if (since < now - CDC_LOOKBACK_MS)
    return err(faults.business('changedSince cannot be more than 30 days in the past.', 'changedSince'))

  const changes = new Map<EntityName, { at: number; data: Json }[]>()
  for (const entity of entities) {
    const changed: { at: number; data: Json }[] = []
    for (const row of state.tables[entity].values())
      if (row.updatedAt >= since) changed.push({ at: row.updatedAt, data: row.data })
    for (const t of state.tombstones.values()) {
      if (t.entity === entity && t.deletedAt >= since) {
        changed.push({
          at: t.deletedAt,
          data: {
            domain: 'QBO',
            status: 'Deleted',
            Id: t.id,
            MetaData: { LastUpdatedTime: formatTimestamp(t.deletedAt) },
          },
        })
      }
    }
    changed.sort((a, b) => a.at - b.at)
    changes.set(entity, changed.slice(0, CDC_MAX_OBJECTS))
  }
  if (cap === 'shared') {
    // The oldest changes across all entities win the shared allowance.
    const cutoff = [...changes.values()]
      .flat()
      .map((c) => c.at)
      .sort((a, b) => a - b)[CDC_MAX_OBJECTS - 1]
    if (cutoff !== undefined) keepShared(changes, cutoff)
  }
  const responses: Json[] = []
  for (const [entity, changed] of changes) {
    if (changed.length === 0) continue
    const page = changed.map((c) => c.data)
    responses.push({ [entity]: page, startPosition: 1, maxResults: page.length })
  }
  return ok([{ QueryResponse: responses.length ? responses : [{}] }])
}

/** Keeps the first CDC_MAX_OBJECTS changes in time order; ties at the cutoff go to the earlier-listed entity. */
function keepShared(changes: Map<EntityName, { at: number; data: Json }[]>, cutoff: number): void {
  let left = CDC_MAX_OBJECTS - [...changes.values()].flat().filter((c) => c.at < cutoff).length
  for (const [entity, changed] of changes) {
    const kept = changed.filter((c) => c.at < cutoff || (c.at === cutoff && left-- > 0))
    changes.set(entity, kept)
  }
}
