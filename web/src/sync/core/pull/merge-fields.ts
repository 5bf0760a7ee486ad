/**
 * A linked customer or item changed in QuickBooks: merged 3-way with the last synced snapshot (most recent change
 * wins per field, conflicts logged). Deactivations arrive this way too (`Active: false` is a field like any other).
 * @module
 */
import type { Contact, Item, Mapping } from '#shared/domain/index.ts'
import { fieldsFromQbo } from '../map/read-back.ts'
import { merge } from '../merge.ts'
import { fieldsOf } from '../settle/fields.ts'
import type { QboEntity, Settlement } from '../settle/types.ts'
import type { FoldState } from './state.ts'

const shown = (v: unknown) => JSON.stringify(v)

export function mergeInto(
  state: FoldState,
  m: Mapping,
  remote: QboEntity,
  kind: 'contact' | 'item',
): Settlement | undefined {
  if (String(remote.SyncToken) === String(m.syncToken)) return undefined // our own write coming back
  const local = state.record(kind, m.localId)
  if (!local) return undefined
  const remoteFields = fieldsFromQbo(kind, remote)
  if (!remoteFields) return undefined
  const at = state.ctx.at
  const changedAt = (remote['MetaData'] as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime ?? at
  const result = merge({
    base: m.snapshot,
    local: fieldsOf(local),
    remote: remoteFields,
    localChangedAt: local.updatedAt,
    remoteChangedAt: changedAt,
  })
  const merged = { ...local, ...result.merged }
  const label = kind === 'contact' ? (local as Contact).displayName : (local as Item).name
  const row = { at, kind, localId: local.id, qboId: m.qboId, label, direction: 'pull' } as const
  const log: Settlement['log'] = result.conflicts.map((c) => ({
    ...row,
    status: 'conflict' as const,
    details:
      `${c.field}: here ${shown(c.local)}, QuickBooks ${shown(c.remote)}; ` +
      `kept ${c.winner === 'local' ? "this device's" : "QuickBooks'"} (most recent).`,
  }))
  const deactivated = remoteFields.active === false && result.toLocal.includes('active')
  log.push({
    ...row,
    status: 'synced',
    details: deactivated
      ? 'Made inactive in QuickBooks'
      : result.toLocal.length > 0
        ? `Updated from QuickBooks: ${result.toLocal.join(', ')}`
        : 'Changed in QuickBooks; nothing to update here',
  })
  // With a local edit still queued, the base stays put so the push merges again; otherwise the merge is the new base.
  const hasPending = state.pending(kind, local.id)
  const syncToken = String(remote.SyncToken ?? m.syncToken) as Mapping['syncToken']
  return {
    mapping: {
      ...m,
      syncToken,
      updatedAt: at,
      ...(hasPending ? {} : { snapshot: fieldsOf(merged), syncedVersion: local.version }),
    },
    doneSeqs: [],
    records: result.toLocal.length > 0 ? [{ kind, record: merged as unknown as Record<string, unknown> }] : [],
    log,
  }
}
