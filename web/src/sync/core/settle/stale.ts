/**
 * After a stale object fault (5010: edited in QuickBooks and here since the last sync), with the QuickBooks
 * record re-read: a 3-way merge of it with this device's version over the last synced snapshot (most recent
 * change wins per field, each conflict logged with both values), the merged record kept here, and the outbox rows
 * released so the update goes out again as a new request with the fresh SyncToken.
 * @module
 */
import type { Mapping } from '#shared/domain/index.ts'
import type { LocalRecord } from '../map/request.ts'
import { fieldsFromQbo } from '../map/read-back.ts'
import { merge } from '../merge.ts'
import type { SyncOp } from '../plan-types.ts'
import { fieldsOf } from './fields.ts'
import type { QboEntity, Settlement } from './types.ts'

export interface StaleMerge {
  settlement: Settlement
  /** The record as the retry builds its body from. */
  record: LocalRecord
  /** The mapping with QuickBooks' fresh SyncToken, for the retry (stored once the retry settles). */
  mapping: Mapping
}

const show = (v: unknown) => (v === undefined ? '(empty)' : JSON.stringify(v))

export function mergeStale(
  op: SyncOp,
  mapping: Mapping,
  record: LocalRecord,
  remote: QboEntity,
  seqs: number[],
  at: string,
): StaleMerge {
  const settlement: Settlement = {
    doneSeqs: [],
    failed: {
      seqs,
      error: { code: '5010', message: 'Edited in QuickBooks too; merged and sent again', at },
      attempts: 0,
      release: true,
    },
    log: [],
  }
  const remoteFields = fieldsFromQbo(op.kind, remote)
  let merged = record
  if (remoteFields && op.action === 'update') {
    const lastUpdated = (remote['MetaData'] as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime
    const result = merge({
      base: mapping.snapshot,
      local: fieldsOf(record),
      remote: remoteFields,
      localChangedAt: record.updatedAt,
      remoteChangedAt: lastUpdated ?? 0,
    })
    merged = { ...record, ...result.merged } as typeof record
    for (const c of result.conflicts) {
      const kept = c.winner === 'local' ? 'this device' : 'QuickBooks'
      settlement.log.push({
        at,
        kind: op.kind,
        localId: op.localId as Mapping['localId'],
        qboId: mapping.qboId,
        label: op.label,
        direction: 'pull',
        status: 'conflict',
        details: `${c.field}: here ${show(c.local)}, QuickBooks ${show(c.remote)}; kept ${kept}'s (most recent).`,
      })
    }
    if (result.toLocal.length > 0) {
      settlement.records = [{ kind: op.kind, record: merged as unknown as Record<string, unknown> }]
    }
  }
  const syncToken = String(remote.SyncToken ?? mapping.syncToken) as Mapping['syncToken']
  return { settlement, record: merged, mapping: { ...mapping, syncToken } }
}
