/**
 * Recovery from a stale object fault (5010: edited in QuickBooks and here since the last sync): re-read the
 * QuickBooks record, 3-way merge it with this device's version over the last synced snapshot (most recent
 * change wins per field, each conflict logged with both values), keep the merged record here, and release
 * the outbox rows so the update goes out again as a new request with the fresh SyncToken.
 * @module
 */
import { merge } from './core/merge.ts'
import type { SyncOp } from './core/plan-types.ts'
import { ENTITY_OF } from './core/index.ts'
import { fieldsFromQbo } from './read-back.ts'
import type { QboEntity, Settlement } from './ports.ts'
import { fail, iso, key, type Ctx } from './run-context.ts'
import { fieldsOf } from './core/index.ts'

export async function prepareStaleRetry(ctx: Ctx, op: SyncOp, seqs: number[]): Promise<{ settlement: Settlement; retry: boolean }> {
  const k = key(op.kind, op.localId ?? '')
  const mapping = ctx.mappings.get(k)
  const record = ctx.records.get(k)
  if (!mapping || !record) return { settlement: { doneSeqs: [], log: [] }, retry: false }
  const read = await ctx.gateway.read(ENTITY_OF[op.kind], mapping.qboId)
  if (!read.ok) return { settlement: fail(ctx, op, read.error, seqs, !read.error.retryable), retry: false }
  const remote = read.value
  const at = iso(ctx.clock.now())
  const settlement: Settlement = {
    doneSeqs: [],
    failed: { seqs, error: { code: '5010', message: 'Edited in QuickBooks too; merged and sent again', at }, attempts: 0, release: true },
    log: [],
  }
  const remoteFields = fieldsFromQbo(op.kind, remote)
  let merged = record
  if (remoteFields && op.action === 'update') {
    const result = merge({
      base: mapping.snapshot, local: fieldsOf(record), remote: remoteFields,
      localChangedAt: record.updatedAt, remoteChangedAt: lastUpdated(remote) ?? 0,
    })
    merged = { ...record, ...result.merged } as typeof record
    for (const c of result.conflicts) {
      settlement.log.push({ at, kind: op.kind, localId: op.localId as never, qboId: mapping.qboId, label: op.label, direction: 'pull', status: 'conflict',
        details: `${c.field}: here ${show(c.local)}, QuickBooks ${show(c.remote)}; kept ${c.winner === 'local' ? 'this device' : 'QuickBooks'}'s (most recent).` })
    }
    if (result.toLocal.length > 0) settlement.records = [{ kind: op.kind, record: merged as unknown as Record<string, unknown> }]
  }
  ctx.records.set(k, merged)
  ctx.mappings.set(k, { ...mapping, syncToken: String(remote.SyncToken ?? mapping.syncToken) as typeof mapping.syncToken })
  return { settlement, retry: true }
}

function lastUpdated(e: QboEntity): string | undefined {
  const meta = e['MetaData'] as { LastUpdatedTime?: string } | undefined
  return meta?.LastUpdatedTime
}

function show(v: unknown): string {
  return v === undefined ? '(empty)' : JSON.stringify(v)
}
