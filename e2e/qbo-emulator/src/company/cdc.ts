/**
 * Change Data Capture (qbo-api.md §6): full records changed since `changedSince` (within the last
 * 30 days of emulator time), deleted transactions as `status: "Deleted"` stubs, oldest change
 * first, at most 1000 objects per entity. Inactivated and voided records appear as ordinary
 * updates. Tax codes and rates are not available through CDC, as at Intuit.
 */
import type { EntityName, Json } from './types.ts'
import type { RealmState } from './state.ts'
import type { Result } from './result.ts'
import { fail, ok } from './result.ts'
import { faults } from './faults.ts'
import { clone } from './json.ts'
import { formatTimestamp, parseTimestamp } from './time.ts'
import { entityFromName } from './entity-paths.ts'

export const CDC_LOOKBACK_MS = 30 * 86_400_000
export const CDC_MAX_PER_ENTITY = 1000
const NOT_IN_CDC: ReadonlySet<EntityName> = new Set(['TaxCode', 'TaxRate'])

export function runCdc(state: RealmState, now: number, entitiesParam: string, changedSinceParam: string): Result<Json[]> {
  if (!entitiesParam.trim()) return fail(faults.required('entities'))
  if (!changedSinceParam.trim()) return fail(faults.required('changedSince'))
  const entities: EntityName[] = []
  for (const name of entitiesParam.split(',').map((s) => s.trim()).filter(Boolean)) {
    const entity = entityFromName(name)
    if (!entity || NOT_IN_CDC.has(entity)) return fail(faults.queryValidation(`CDC is not supported for entity: ${name}`))
    if (!entities.includes(entity)) entities.push(entity)
  }
  const since = parseTimestamp(changedSinceParam.trim())
  if (since === undefined) return fail(faults.invalidNumber('changedSince', changedSinceParam))
  if (since < now - CDC_LOOKBACK_MS) return fail(faults.business('changedSince cannot be more than 30 days in the past.', 'changedSince'))

  const responses: Json[] = []
  for (const entity of entities) {
    const changed: { at: number; data: Json }[] = []
    for (const row of state.tables[entity].values()) if (row.updatedAt >= since) changed.push({ at: row.updatedAt, data: row.data })
    for (const t of state.tombstones.values()) {
      if (t.entity === entity && t.deletedAt >= since) {
        changed.push({ at: t.deletedAt, data: { domain: 'QBO', status: 'Deleted', Id: t.id, MetaData: { LastUpdatedTime: formatTimestamp(t.deletedAt) } } })
      }
    }
    if (changed.length === 0) continue
    changed.sort((a, b) => a.at - b.at)
    const page = changed.slice(0, CDC_MAX_PER_ENTITY).map((c) => clone(c.data))
    responses.push({ [entity]: page, startPosition: 1, maxResults: page.length })
  }
  return ok([{ QueryResponse: responses.length ? responses : [{}] }])
}
