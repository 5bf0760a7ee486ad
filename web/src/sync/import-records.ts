/**
 * "Import customers" and "Import items": every active QuickBooks customer (with its sub-customers as jobs) or item
 * comes down through the pull's fold, so a linked one merges and one nothing here is linked to is created here.
 * A QuickBooks record whose name a contact or item here already has, not yet linked, is left out: that one links
 * when it is sent (QuickBooks answers with the name's owner and the row offers Link), never a second copy here.
 * @module
 */
import { nameKey } from '#shared/domain/index.ts'
import { ok, type Result } from '#shared/result.ts'
import { foldPull, type SyncFault } from './core/index.ts'
import { pullAll } from './pull-all.ts'
import type { QboEntity } from './ports.ts'
import type { RunnerDeps } from './runner/index.ts'

export type ImportKind = 'contact' | 'item'
export interface ImportSummary {
  /** Created here. */
  created: number
  /** Already linked: brought up to date. */
  updated: number
  /** Left out: a record here not yet linked has the name. */
  sameName: number
}

export async function importFromQuickBooks(
  deps: RunnerDeps,
  kind: ImportKind,
): Promise<Result<ImportSummary, SyncFault>> {
  const entity = kind === 'contact' ? 'Customer' : 'Item'
  const rows = await pullAll<QboEntity>(deps.gateway, entity, 'Active = true')
  if (!rows.ok) return rows
  const snap = await deps.store.snapshot()
  const linked = new Set(snap.mappings.filter((m) => m.kind === kind && m.status !== 'unlinked').map((m) => m.localId))
  const localNames = new Set(
    (kind === 'contact'
      ? snap.records.contacts.filter((c) => !linked.has(c.id)).map((c) => c.displayName)
      : snap.records.items.filter((i) => !linked.has(i.id)).map((i) => i.name)
    ).map(nameKey),
  )
  const linkedQbo = new Set<string>(snap.mappings.filter((m) => m.kind === kind).map((m) => m.qboId))
  const nameOf = (e: QboEntity) => String(e[kind === 'contact' ? 'DisplayName' : 'Name'] ?? '')
  const clash = (e: QboEntity) =>
    !linkedQbo.has(String(e.Id)) && e['Job'] !== true && localNames.has(nameKey(nameOf(e)))
  const taken = rows.value.filter(clash)
  const page = { [entity]: rows.value.filter((e) => !clash(e)) }
  const now = deps.clock.now()
  const fold = foldPull(snap, [page], {
    at: new Date(now).toISOString(),
    realmId: deps.realmId,
    newId: () => deps.random.uuid(),
  })
  for (let i = 0; i < fold.settlements.length; i += 500) await deps.store.settle(fold.settlements.slice(i, i + 500))
  const label = kind === 'contact' ? 'Import customers' : 'Import items'
  const summary = { created: fold.created, updated: fold.settlements.length - fold.created, sameName: taken.length }
  const details = `${summary.created} created here, ${summary.updated} already linked, ${summary.sameName} left out: a record here has the name.`
  await deps.store.log([{ at: new Date(now).toISOString(), label, direction: 'pull', status: 'info', details }])
  return ok(summary)
}
