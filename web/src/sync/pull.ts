/**
 * Pulls: one multi-entity CDC call since the stored checkpoint (cheaper than a query per entity), folded into
 * this device by the core's `foldPull` (3-way merges, customers created here, invoices' balance and void
 * state); their DocNumbers move the next local invoice number past them. The checkpoint moves to the server's
 * time minus an overlap, so a change committed during the call is seen next time (duplicates are harmless).
 *
 * CDC cannot always say everything: it looks back 30 days at most, and an answer of 1,000 objects may be cut
 * (docs/quickbooks.md §6; whether the cap is per entity or shared is not stated, so any answer that large counts as
 * cut). Then the changes come from paged queries on `MetaData.LastUpdatedTime` since the checkpoint instead, which
 * have neither limit; they carry no deleted-object stubs, which a pull does not use.
 * @module
 */
import { ok, type Result } from '#shared/result.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import { foldPull, mayBeCut, nextCheckpoint, PULLED_ENTITIES, pullWindow } from './core/index.ts'
import type { SyncFault } from './core/index.ts'
import { pullAll } from './pull-all.ts'
import type { QboEntity } from './ports.ts'
import type { RunnerDeps } from './runner/index.ts'

export interface PullSummary {
  changed: number
  created: number
  conflicts: number
  checkpoint: string
}

export async function pullChanges(deps: RunnerDeps): Promise<Result<PullSummary, SyncFault>> {
  const snap = await deps.store.snapshot()
  const now = deps.clock.now()
  const { since, from, tooOld } = pullWindow(now, snap.settings.cdcCheckpoint)
  // CDC first even when it cannot cover the window: its answer carries the server's time for the next checkpoint.
  const cdc = await deps.gateway.cdc(PULLED_ENTITIES, since)
  if (!cdc.ok) return cdc
  const r = tooOld || mayBeCut(cdc.value.changes) ? await changedSince(deps, from, cdc.value.time) : cdc
  if (!r.ok) return r
  const fold = foldPull(snap, r.value.changes, {
    at: new Date(now).toISOString(),
    realmId: deps.realmId,
    newId: () => deps.random.uuid(),
  })
  const checkpoint = nextCheckpoint(from, r.value.time, now)
  for (let i = 0; i < fold.settlements.length; i += 500) await deps.store.settle(fold.settlements.slice(i, i + 500))
  // Invoices made in QuickBooks take numbers too: the next one finalized here goes past them.
  if (fold.docNumbers.length > 0) await deps.store.moveInvoiceNumberPast(fold.docNumbers)
  await deps.store.setCheckpoint(checkpoint, deps.realmId)
  const { created, conflicts } = fold
  return ok({ changed: fold.settlements.length, created, conflicts, checkpoint })
}

type Changes = { changes: QboCdcQueryResponse[]; time: string | undefined }

/** Every object of each pulled entity changed since `from`, by paged queries, shaped like one CDC page. */
async function changedSince(
  deps: RunnerDeps,
  from: string,
  time: string | undefined,
): Promise<Result<Changes, SyncFault>> {
  const page: Record<string, unknown[]> = {}
  for (const entity of PULLED_ENTITIES) {
    // Inactive customers and items too: one made inactive in QuickBooks is a change like any other.
    const active = entity === 'Customer' || entity === 'Item' ? ' AND Active IN (true, false)' : ''
    const rows = await pullAll<QboEntity>(deps.gateway, entity, `MetaData.LastUpdatedTime >= '${from}'${active}`)
    if (!rows.ok) return rows
    page[entity] = rows.value
  }
  return ok({ changes: [page as QboCdcQueryResponse], time })
}
