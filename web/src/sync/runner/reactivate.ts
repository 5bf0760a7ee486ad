/**
 * Linking a local record to an inactive QuickBooks customer or item makes it active again there: QuickBooks
 * refuses new invoices that reference an inactive record (610). Matching never links an inactive record on its
 * own, so every link reaching here is the user's decision. Runs after the links are stored and before any batch,
 * so the invoices that wait on the link find the record active.
 * @module
 */
import type { Mapping } from '#shared/domain/index.ts'
import { ENTITY_OF } from '../core/index.ts'
import type { SyncOp } from '../core/index.ts'
import { failed, nowIso } from './commit.ts'
import { mappingOf, recordOf, type RunView, type Settled } from './state.ts'

/** Whether a done link op points at a QuickBooks record that must be made active again. */
export function needsReactivation(run: RunView, op: SyncOp): boolean {
  if (op.action !== 'link' || op.qboId === undefined || op.localId === undefined) return false
  if (run.state.outcome.get(op.id) !== 'ok') return false
  const remote = run.remote?.get(`${ENTITY_OF[op.kind]}:${op.qboId}`)
  const rec = recordOf(run, op) as { active?: boolean; deletedAt?: string } | undefined
  return remote?.['Active'] === false && rec !== undefined && rec.active !== false && rec.deletedAt === undefined
}

export async function reactivate(run: RunView, op: SyncOp): Promise<Settled> {
  const entity = ENTITY_OF[op.kind]
  const remote = run.remote?.get(`${entity}:${op.qboId}`)
  const mapping = mappingOf(run, op)
  const syncToken = String(mapping?.syncToken ?? remote?.SyncToken ?? '0')
  const qboId = op.qboId!
  // A replay of this requestid answers the same; a fresh one after a crash fails stale (5010) at worst, never
  // duplicates.
  const res = await run.gateway.write(
    entity,
    'update',
    { Id: qboId, SyncToken: syncToken, sparse: true, Active: true },
    run.random.uuid(),
  )
  if (!res.ok) return failed(run, op, res.error, [], !res.error.retryable)
  const at = nowIso(run)
  const next: Mapping | undefined = mapping && {
    ...mapping,
    syncToken: String(res.value.SyncToken ?? syncToken) as Mapping['syncToken'],
    updatedAt: at,
  }
  return {
    settlement: {
      mapping: next,
      doneSeqs: [],
      log: [
        {
          at,
          kind: op.kind,
          localId: op.localId as Mapping['localId'],
          qboId,
          label: op.label,
          direction: 'push',
          status: 'synced',
          details: `Made active again in QuickBooks (Id ${qboId}), as you chose when linking`,
        },
      ],
    },
  }
}
