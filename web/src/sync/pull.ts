/**
 * Pulls: one multi-entity CDC call since the stored checkpoint (cheaper than a query per entity), folded into
 * this device. Customers and items merge 3-way with the last synced snapshot (most recent change wins per
 * field, conflicts logged); new QuickBooks customers are created here; invoices take back QuickBooks' balance
 * and void state, and their DocNumbers move the next local invoice number past them. Nothing pulled bumps a version or queues a push. The checkpoint moves to the server's time
 * minus an overlap, so a change committed during the call is seen next time (duplicates are harmless).
 *
 * CDC cannot always say everything: it looks back 30 days at most, and an answer of 1,000 objects may be cut
 * (qbo-api.md §6; whether the cap is per entity or shared is not stated, so any answer that large counts as cut).
 * Then the changes come from paged queries on `MetaData.LastUpdatedTime` since the checkpoint instead, which
 * have neither limit; they carry no deleted-object stubs, which a pull does not use.
 * @module
 */
import type { Contact, Invoice, Item, Mapping } from '../../../shared/domain/index.ts'
import type { Result } from '../../../shared/result.ts'
import { merge, readInvoice } from './core/index.ts'
import type { SyncFault } from './core/index.ts'
import { contactFieldsOf, fieldsFromQbo } from './read-back.ts'
import type { LocalSnapshot, QboEntity, Settlement } from './ports.ts'
import { fieldsOf, linkSettlement } from './core/index.ts'
import type { RunnerDeps } from './run-context.ts'
import { pullAll } from './initial-sync.ts'
import type { QboCdcQueryResponse } from '../../../shared/qbo/index.ts'

/** Intuit's CDC looks back 30 days at most; a day's margin for clocks. */
const MAX_LOOKBACK_MS = 29 * 24 * 3600_000
const OVERLAP_MS = 60_000
/** Objects in one CDC answer at which it may have been cut. */
export const CDC_CAP = 1000
const ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment'] as const

export interface PullSummary { changed: number; created: number; conflicts: number; checkpoint: string }

export async function pullChanges(deps: RunnerDeps): Promise<Result<PullSummary, SyncFault>> {
  const snap = await deps.store.snapshot()
  const now = deps.clock.now()
  const stored = snap.settings.cdcCheckpoint ? Date.parse(snap.settings.cdcCheckpoint) : Number.NaN
  const tooOld = !Number.isFinite(stored) || now - stored >= MAX_LOOKBACK_MS
  const since = new Date(tooOld ? now - MAX_LOOKBACK_MS : stored).toISOString()
  // CDC first even when it cannot cover the window: its answer carries the server's time for the next checkpoint.
  const cdc = await deps.gateway.cdc(ENTITIES, since)
  if (!cdc.ok) return cdc
  const cut = cdc.value.changes.reduce((n, page) => n + ENTITIES.reduce((m, e) => m + (page[e]?.length ?? 0), 0), 0) >= CDC_CAP
  const from = Number.isFinite(stored) ? new Date(stored).toISOString() : since
  const r = tooOld || cut ? await changedSince(deps, from, cdc.value.time) : cdc
  if (!r.ok) return r
  const at = new Date(now).toISOString()
  const byQbo = new Map(snap.mappings.map((m) => [`${m.kind}:${m.qboId}`, m]))
  const pending = new Set(snap.outbox.map((o) => `${o.kind}:${o.localId}`))
  const settlements: Settlement[] = []
  let created = 0, conflicts = 0
  const docNumbers: unknown[] = []
  for (const page of r.value.changes) {
    for (const c of (page.Customer ?? []) as QboEntity[]) {
      if (c['status'] === 'Deleted' || c['Job'] === true) continue
      const m = byQbo.get(`contact:${c.Id}`)
      if (m) {
        const s = mergeInto(snap, m, c, 'contact', at, pending)
        if (s) { conflicts += s.log.filter((l) => l.status === 'conflict').length; settlements.push(s) }
      } else if (c['Active'] !== false) {
        const fields = contactFieldsOf(c)
        if (!fields.ok) continue
        const record: Contact = { ...fields.value, id: deps.random.uuid() as Contact['id'], version: 1, updatedAt: at }
        const s = linkSettlement({ kind: 'contact', localId: record.id, label: record.displayName, entity: c, record, realmId: deps.realmId, at })
        settlements.push({ ...s, records: [{ kind: 'contact', record }], log: s.log.map((l) => ({ ...l, direction: 'pull' as const, status: 'synced' as const, details: `Created here from QuickBooks (Id ${c.Id})` })) })
        created++
      }
    }
    for (const i of (page.Item ?? []) as QboEntity[]) {
      const m = i['status'] === 'Deleted' ? undefined : byQbo.get(`item:${i.Id}`)
      const s = m && mergeInto(snap, m, i, 'item', at, pending)
      if (s) { conflicts += s.log.filter((l) => l.status === 'conflict').length; settlements.push(s) }
    }
    for (const q of (page.Invoice ?? []) as QboEntity[]) {
      if (q['status'] !== 'Deleted') docNumbers.push(q['DocNumber'])
      const m = q['status'] === 'Deleted' ? undefined : byQbo.get(`invoice:${q.Id}`)
      const local = m && snap.records.invoices.find((x) => x.id === m.localId)
      if (!m || !local) continue
      const back = readInvoice(q as never)
      const next: Invoice = { ...local, balance: back.voided ? 0 : back.balanceCents, ...(back.voided && local.status !== 'void' ? { status: 'void' as const, voidedAt: at } : {}) }
      settlements.push({ mapping: { ...m, syncToken: String(q.SyncToken ?? m.syncToken) as Mapping['syncToken'], updatedAt: at }, doneSeqs: [],
        records: [{ kind: 'invoice', record: next as unknown as Record<string, unknown> }],
        log: [{ at, kind: 'invoice', localId: local.id, qboId: m.qboId, label: `Invoice ${local.number ?? ''}`.trim(), direction: 'pull', status: 'synced',
          details: back.voided ? 'Voided in QuickBooks' : `Balance from QuickBooks: ${(back.balanceCents / 100).toFixed(2)}` }] })
    }
  }
  const checkpoint = new Date(Math.max(Date.parse(from), (r.value.time ? Date.parse(r.value.time) : now) - OVERLAP_MS)).toISOString()
  for (let i = 0; i < settlements.length; i += 500) await deps.store.settle(settlements.slice(i, i + 500))
  // Invoices made in QuickBooks take numbers too: the next one finalized here goes past them.
  if (docNumbers.length > 0) await deps.store.moveInvoiceNumberPast(docNumbers)
  await deps.store.setCheckpoint(checkpoint, deps.realmId)
  return { ok: true, value: { changed: settlements.length, created, conflicts, checkpoint } }
}

/** Every object of each pulled entity changed since `from`, by paged queries, shaped like one CDC page. */
async function changedSince(deps: RunnerDeps, from: string, time: string | undefined): Promise<Result<{ changes: QboCdcQueryResponse[]; time: string | undefined }, SyncFault>> {
  const page: Record<string, unknown[]> = {}
  for (const entity of ENTITIES) {
    // Inactive customers and items too: one made inactive in QuickBooks is a change like any other.
    const active = entity === 'Customer' || entity === 'Item' ? ' AND Active IN (true, false)' : ''
    const rows = await pullAll<QboEntity>(deps.gateway, entity, `MetaData.LastUpdatedTime >= '${from}'${active}`)
    if (!rows.ok) return rows
    page[entity] = rows.value
  }
  return { ok: true, value: { changes: [page as QboCdcQueryResponse], time } }
}

function mergeInto(snap: LocalSnapshot, m: Mapping, remote: QboEntity, kind: 'contact' | 'item', at: string, pending: Set<string>): Settlement | undefined {
  if (String(remote.SyncToken) === String(m.syncToken)) return undefined // our own write coming back
  const local = (kind === 'contact' ? snap.records.contacts : snap.records.items).find((x) => x.id === m.localId) as Contact | Item | undefined
  if (!local) return undefined
  const remoteFields = fieldsFromQbo(kind, remote)
  if (!remoteFields) return undefined
  const changedAt = (remote['MetaData'] as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime ?? at
  const result = merge({ base: m.snapshot, local: fieldsOf(local), remote: remoteFields, localChangedAt: local.updatedAt, remoteChangedAt: changedAt })
  const merged = { ...local, ...result.merged }
  const label = kind === 'contact' ? (local as Contact).displayName : (local as Item).name
  const log: Settlement['log'] = result.conflicts.map((c) => ({ at, kind, localId: local.id, qboId: m.qboId, label, direction: 'pull' as const, status: 'conflict' as const,
    details: `${c.field}: here ${JSON.stringify(c.local)}, QuickBooks ${JSON.stringify(c.remote)}; kept ${c.winner === 'local' ? "this device's" : "QuickBooks'"} (most recent).` }))
  log.push({ at, kind, localId: local.id, qboId: m.qboId, label, direction: 'pull', status: 'synced', details: result.toLocal.length > 0 ? `Updated from QuickBooks: ${result.toLocal.join(', ')}` : 'Changed in QuickBooks; nothing to update here' })
  // With a local edit still queued, the base stays put so the push merges again; otherwise the merge is the new base.
  const hasPending = pending.has(`${kind}:${local.id}`)
  return {
    mapping: { ...m, syncToken: String(remote.SyncToken ?? m.syncToken) as Mapping['syncToken'], updatedAt: at, ...(hasPending ? {} : { snapshot: fieldsOf(merged), syncedVersion: local.version }) },
    doneSeqs: [], records: result.toLocal.length > 0 ? [{ kind, record: merged as unknown as Record<string, unknown> }] : [], log,
  }
}
