/**
 * A pull whose checkpoint is older than CDC reaches (30 days) cannot see deletions: paged queries return only
 * what still exists. So the records this device keeps linked are read back by Id, kind by kind, and each one
 * QuickBooks no longer has comes back as the `Deleted` stub CDC would have given, for the fold to treat alike (a
 * deleted invoice or payment deleted here, a customer merged away followed to its survivor, an item retired).
 * @module
 */
import { ok, type Result } from '#shared/result.ts'
import type { Mapping } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import type { PulledEntity, SyncFault } from './core/index.ts'
import { ENTITY_OF } from './core/index.ts'
import { readByIds } from './pull-ids.ts'
import type { QboGateway } from './ports.ts'

export async function goneFromQuickBooks(
  gateway: QboGateway,
  mappings: readonly Mapping[],
  entities: readonly PulledEntity[],
): Promise<Result<QboCdcQueryResponse, SyncFault>> {
  const ids: Partial<Record<PulledEntity, string[]>> = {}
  for (const m of mappings) {
    const entity = ENTITY_OF[m.kind]
    if (m.status === 'unlinked' || !entities.includes(entity)) continue
    ;(ids[entity] ??= []).push(m.qboId)
  }
  const read = await readByIds(gateway, ids)
  if (!read.ok) return read
  const held = read.value.changes[0] ?? {}
  const page: Record<string, unknown[]> = {}
  for (const [entity, list] of Object.entries(ids) as [PulledEntity, string[]][]) {
    const present = new Set(((held[entity] ?? []) as { Id: string }[]).map((e) => String(e.Id)))
    const gone = [...new Set(list)].filter((id) => !present.has(id))
    if (gone.length > 0) page[entity] = gone.map((Id) => ({ domain: 'QBO', status: 'Deleted', Id }))
  }
  return ok(page as QboCdcQueryResponse)
}
