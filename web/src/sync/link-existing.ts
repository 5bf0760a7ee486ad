/**
 * "Link" on a duplicate-name row (docs/product.md §Errors: 6240 offers rename or link): ties a local contact, job or
 * item to the QuickBooks record that holds its name instead of creating a second one. Like a link the initial sync
 * makes, it adopts the QuickBooks record as this one's counterpart and sends nothing over it; the record's
 * queued rows are settled. An inactive record is made active again, since linking to it is the user's choice
 * and invoices cannot reference an inactive one.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { ENTITY_OF, linkSettlement, localFault } from './core/index.ts'
import type { SyncFault } from './core/index.ts'
import type { QboEntity, Settlement } from './ports.ts'
import type { RunnerDeps } from './runner/index.ts'

export interface LinkTarget {
  kind: Extract<SyncKind, 'contact' | 'job' | 'item'>
  localId: string
  qboId: string
}
export interface Linked {
  qboId: string
  reactivated: boolean
}

export async function linkExisting(
  deps: Pick<RunnerDeps, 'store' | 'gateway' | 'clock' | 'random' | 'realmId'>,
  t: LinkTarget,
): Promise<Result<Linked, SyncFault>> {
  const snap = await deps.store.snapshot()
  const list = t.kind === 'contact' ? snap.records.contacts : t.kind === 'job' ? snap.records.jobs : snap.records.items
  const record = (list as { id: string; version: number; deletedAt?: string | undefined; active?: boolean }[]).find(
    (r) => r.id === t.localId,
  )
  if (!record || record.deletedAt !== undefined)
    return err(localFault('missing-record', 'This record is no longer on this device.'))
  if (snap.mappings.some((m) => m.kind === t.kind && m.localId === t.localId && m.status !== 'unlinked')) {
    return err(localFault('already-linked', 'This record is already linked to QuickBooks.'))
  }
  const rows = snap.outbox.filter((r) => r.kind === t.kind && r.localId === t.localId)
  // A create whose answer is still unknown might yet land: linking now could leave two records.
  if (rows.some((r) => r.requestId !== undefined)) {
    return err({
      ...localFault('in-flight', 'This record is still being sent. Try again once the sync has finished.'),
      retryable: true,
      action: 'retry',
    })
  }
  const entity = ENTITY_OF[t.kind]
  const read = await deps.gateway.read(entity, t.qboId)
  if (!read.ok) return read
  let remote: QboEntity = read.value
  if (entity === 'Customer' && (remote['Job'] === true) !== (t.kind === 'job')) {
    return err(
      localFault(
        'wrong-kind',
        t.kind === 'job'
          ? 'That QuickBooks customer is not a sub-customer.'
          : 'That QuickBooks customer is a sub-customer (a job).',
      ),
    )
  }
  const reactivate = remote['Active'] === false && record.active !== false
  if (reactivate) {
    const woke = await deps.gateway.write(
      entity,
      'update',
      { Id: t.qboId, SyncToken: String(remote.SyncToken ?? '0'), sparse: true, Active: true },
      deps.random.uuid(),
    )
    if (!woke.ok) return woke
    remote = woke.value
  }
  const at = new Date(deps.clock.now()).toISOString()
  const label = String(remote['DisplayName'] ?? remote['Name'] ?? t.qboId)
  const s = linkSettlement({
    kind: t.kind,
    localId: t.localId,
    label,
    entity: remote,
    record,
    realmId: deps.realmId,
    at,
  })
  const settlement: Settlement = {
    ...s,
    doneSeqs: rows.map((r) => r.seq),
    log: s.log.map((l) => ({
      ...l,
      details:
        `${l.details}, the record that already had this name` + (reactivate ? '; made active again in QuickBooks' : ''),
    })),
  }
  await deps.store.settle([settlement])
  return ok({ qboId: t.qboId, reactivated: reactivate })
}
