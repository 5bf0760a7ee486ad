/**
 * Pulls: one multi-entity CDC call since the stored checkpoint (cheaper than a query per entity) for the kinds the
 * app keeps, folded into this device by the core's `foldPull`: customers and their jobs, items, invoices with
 * their lines, payments applied to their invoices, deletions and merges. Customers and items that the pulled
 * invoices and payments name but this device lacks are read with them (one query per kind). DocNumbers move the
 * next local invoice number past them. The checkpoint moves to QuickBooks' time of the answer the data came from,
 * less an overlap, so a change committed during the call is seen next time (duplicates are harmless).
 *
 * A webhook notice narrows the pull (`PullScope`): only the kinds it names, by Id where few. Such a pull covers
 * only what it names, so it leaves the checkpoint for the next full pull.
 *
 * CDC cannot always say everything: it looks back 30 days at most, and an answer of 1,000 objects may be cut
 * (docs/quickbooks.md §6). Then the changes come from paged queries on `MetaData.LastUpdatedTime` since the
 * checkpoint instead, which have neither limit; they carry no deleted-object stubs, so when the checkpoint is older
 * than CDC reaches the records this device keeps are also read back by Id, and those gone count as deleted.
 * @module
 */
import { ok, type Result } from '#shared/result.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import type { SyncFault } from './core/index.ts'
import { foldPull, mayBeCut, missingRefs, nextCheckpoint, PULLED_ENTITIES, pullWindow } from './core/index.ts'
import type { PulledEntity, PullScope } from './core/index.ts'
import { pullAll } from './pull-all.ts'
import { readByIds } from './pull-ids.ts'
import { goneFromQuickBooks } from './pull-reconcile.ts'
import type { QboEntity } from './ports.ts'
import type { RunnerDeps } from './runner/index.ts'

export interface PullSummary {
  changed: number
  created: number
  conflicts: number
  checkpoint: string
}

type Changes = { changes: QboCdcQueryResponse[]; time: string | undefined }

export async function pullChanges(deps: RunnerDeps, scope?: PullScope): Promise<Result<PullSummary, SyncFault>> {
  const snap = await deps.store.snapshot()
  const now = deps.clock.now()
  const { since, from, tooOld } = pullWindow(now, snap.settings.cdcCheckpoint)
  const entities = scope?.entities ?? [...PULLED_ENTITIES]
  const whole = scope === undefined
  let r: Result<Changes, SyncFault>
  if (scope?.ids && !tooOld) r = await readByIds(deps.gateway, scope.ids)
  else {
    // CDC first even when it cannot cover the window: its answer carries the server's time for the next checkpoint.
    const cdc = await deps.gateway.cdc(entities, since)
    if (!cdc.ok) return cdc
    r = tooOld || mayBeCut(cdc.value.changes) ? await changedSince(deps, entities, from, cdc.value.time) : cdc
    // Older than CDC reaches, deletions are unseen: what this device keeps is read back by Id (pull-reconcile.ts).
    if (r.ok && tooOld && whole) {
      const gone = await goneFromQuickBooks(deps.gateway, snap.mappings, entities)
      if (!gone.ok) return gone
      r.value.changes.push(gone.value)
    }
  }
  if (!r.ok) return r
  const refs = missingRefs(snap, r.value.changes)
  const extra = await readByIds(deps.gateway, refs)
  // Without them the invoices that need them wait for the next pull; the rest still lands.
  const changes = extra.ok ? [extra.value.changes[0] ?? {}, ...r.value.changes] : r.value.changes
  const fold = foldPull(snap, changes, {
    at: new Date(now).toISOString(),
    realmId: deps.realmId,
    newId: () => deps.random.uuid(),
  })
  for (let i = 0; i < fold.settlements.length; i += 500) await deps.store.settle(fold.settlements.slice(i, i + 500))
  // Invoices made in QuickBooks take numbers too: the next one finalized here goes past them.
  if (fold.docNumbers.length > 0) await deps.store.moveInvoiceNumberPast(fold.docNumbers)
  const checkpoint = whole ? nextCheckpoint(from, r.value.time, now) : (snap.settings.cdcCheckpoint ?? from)
  if (whole) await deps.store.setCheckpoint(checkpoint, deps.realmId)
  const { created, conflicts } = fold
  return ok({ changed: fold.settlements.length, created, conflicts, checkpoint })
}

/** Every object of each kind changed since `from`, by paged queries, shaped like one CDC page. */
async function changedSince(
  deps: RunnerDeps,
  entities: readonly PulledEntity[],
  from: string,
  time: string | undefined,
): Promise<Result<Changes, SyncFault>> {
  const page: Record<string, unknown[]> = {}
  for (const entity of entities) {
    // Inactive customers and items too: one made inactive in QuickBooks is a change like any other.
    const active = entity === 'Customer' || entity === 'Item' ? ' AND Active IN (true, false)' : ''
    const rows = await pullAll<QboEntity>(deps.gateway, entity, `MetaData.LastUpdatedTime >= '${from}'${active}`)
    if (!rows.ok) return rows
    page[entity] = rows.value
  }
  return ok({ changes: [page as QboCdcQueryResponse], time })
}
