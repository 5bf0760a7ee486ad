/**
 * Linking a local record to an inactive QuickBooks customer or item makes it active again there: QuickBooks
 * refuses new invoices that reference an inactive record (610). Matching never links an inactive record on its
 * own, so every link reaching here is the user's decision. Runs after the links are stored and before any batch,
 * so the invoices that wait on the link find the record active.
 * @module
 */
import type { Mapping } from '../../../shared/domain/index.ts'
import { ENTITY_OF } from './core/index.ts'
import type { SyncPlan } from './core/plan-types.ts'
import type { Settlement } from './ports.ts'
import { fail, iso, key, type Ctx } from './run-context.ts'

export async function reactivateLinked(ctx: Ctx, plan: SyncPlan): Promise<void> {
  for (const op of plan.ops) {
    if (op.action !== 'link' || op.qboId === undefined || op.localId === undefined || ctx.outcome.get(op.id) !== 'ok') continue
    const entity = ENTITY_OF[op.kind]
    const remote = ctx.remote?.get(`${entity}:${op.qboId}`)
    const rec = ctx.records.get(key(op.kind, op.localId)) as { active?: boolean; deletedAt?: string } | undefined
    if (remote?.['Active'] !== false || !rec || rec.active === false || rec.deletedAt !== undefined) continue
    const mapping = ctx.mappings.get(key(op.kind, op.localId))
    const syncToken = String(mapping?.syncToken ?? remote.SyncToken ?? '0')
    // A replay of this requestid answers the same; a fresh one after a crash fails stale (5010) at worst, never duplicates.
    const res = await ctx.gateway.write(entity, 'update', { Id: op.qboId, SyncToken: syncToken, sparse: true, Active: true }, ctx.random.uuid())
    const at = iso(ctx.clock.now())
    let s: Settlement
    if (res.ok) {
      const next: Mapping | undefined = mapping && { ...mapping, syncToken: String(res.value.SyncToken ?? syncToken) as Mapping['syncToken'], updatedAt: at }
      s = { mapping: next, doneSeqs: [], log: [{ at, kind: op.kind, localId: op.localId as never, qboId: op.qboId, label: op.label, direction: 'push', status: 'synced',
        details: `Made active again in QuickBooks (Id ${op.qboId}), as you chose when linking` }] }
    } else {
      s = fail(ctx, op, res.error, [], !res.error.retryable)
    }
    await ctx.store.settle([s])
    if (s.mapping) ctx.mappings.set(key(op.kind, op.localId), s.mapping)
  }
}
