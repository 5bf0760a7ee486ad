/**
 * A pull folded into this device, per entity: customers and items merge 3-way with the last synced snapshot
 * (most recent change wins per field, conflicts logged), a new active QuickBooks customer is created here,
 * invoices take back QuickBooks' balance and void state and report their DocNumbers. Nothing pulled bumps a
 * version or queues a push. Also the window rules: how far back CDC may look, when its answer may be cut, and
 * where the checkpoint moves.
 * @module
 */
import type { Contact, Invoice, Item, Mapping, OutboxRow } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse, QboDeletedStub, QboInvoice } from '#shared/qbo/index.ts'
import { readInvoice } from './map/invoice.ts'
import { contactFieldsOf, fieldsFromQbo } from './map/read-back.ts'
import { merge } from './merge.ts'
import { fieldsOf } from './settle/fields.ts'
import { linkSettlement } from './settle/link.ts'
import type { QboEntity, Settlement } from './settle/types.ts'

/** Intuit's CDC looks back 30 days at most; a day's margin for clocks. */
export const MAX_LOOKBACK_MS = 29 * 24 * 3600_000
/** The checkpoint stays this far behind the server's time, so a change committed during the call is seen next. */
export const OVERLAP_MS = 60_000
/** Objects in one CDC answer at which it may have been cut. */
export const CDC_CAP = 1000
export const PULLED_ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment'] as const

export interface PullWindow {
  /** What CDC is asked for: at most `MAX_LOOKBACK_MS` back. */
  since: string
  /** Where paged queries start when CDC cannot cover the window: the checkpoint itself when there is one. */
  from: string
  /** The checkpoint is missing or older than CDC reaches. */
  tooOld: boolean
}

export function pullWindow(nowMs: number, checkpoint: string | undefined): PullWindow {
  const stored = checkpoint ? Date.parse(checkpoint) : Number.NaN
  const tooOld = !Number.isFinite(stored) || nowMs - stored >= MAX_LOOKBACK_MS
  const since = new Date(tooOld ? nowMs - MAX_LOOKBACK_MS : stored).toISOString()
  return { since, from: Number.isFinite(stored) ? new Date(stored).toISOString() : since, tooOld }
}

/** Whether a CDC answer is so large it may have been cut (the cap's scope is not stated, so any answer counts). */
export function mayBeCut(changes: readonly QboCdcQueryResponse[]): boolean {
  const count = (page: QboCdcQueryResponse) => PULLED_ENTITIES.reduce((m, e) => m + (page[e]?.length ?? 0), 0)
  return changes.reduce((n, page) => n + count(page), 0) >= CDC_CAP
}

/** The next checkpoint: the server's time (else now) less the overlap, never before where this pull started. */
export function nextCheckpoint(from: string, serverTime: string | undefined, nowMs: number): string {
  const server = serverTime ? Date.parse(serverTime) : nowMs
  return new Date(Math.max(Date.parse(from), server - OVERLAP_MS)).toISOString()
}

export interface PullBase {
  records: { contacts: Contact[]; items: Item[]; invoices: Invoice[] }
  mappings: readonly Mapping[]
  outbox: readonly Pick<OutboxRow, 'kind' | 'localId'>[]
}

export interface PullFold {
  settlements: Settlement[]
  created: number
  conflicts: number
  /** DocNumbers of QuickBooks' invoices in the pull: the next local invoice number goes past them. */
  docNumbers: unknown[]
}

export function foldPull(
  base: PullBase,
  changes: readonly QboCdcQueryResponse[],
  ctx: { at: string; realmId: string; newId: () => string },
): PullFold {
  const { at } = ctx
  const byQbo = new Map(base.mappings.map((m) => [`${m.kind}:${m.qboId}`, m]))
  const pending = new Set(base.outbox.map((o) => `${o.kind}:${o.localId}`))
  const out: PullFold = { settlements: [], created: 0, conflicts: 0, docNumbers: [] }
  const merged = (s: Settlement | undefined) => {
    if (!s) return
    out.conflicts += s.log.filter((l) => l.status === 'conflict').length
    out.settlements.push(s)
  }
  for (const page of changes) {
    for (const c of (page.Customer ?? []) as QboEntity[]) {
      if (c['status'] === 'Deleted' || c['Job'] === true) continue
      const m = byQbo.get(`contact:${c.Id}`)
      if (m) merged(mergeInto(base, m, c, 'contact', at, pending))
      else if (c['Active'] !== false) {
        const s = createHere(c, ctx)
        if (s) {
          out.settlements.push(s)
          out.created++
        }
      }
    }
    for (const i of (page.Item ?? []) as QboEntity[]) {
      const m = i['status'] === 'Deleted' ? undefined : byQbo.get(`item:${i.Id}`)
      if (m) merged(mergeInto(base, m, i, 'item', at, pending))
    }
    // The gateway parsed the answer: an invoice is a deleted stub or a whole QboInvoice.
    for (const q of page.Invoice ?? []) {
      if (isDeleted(q)) continue
      out.docNumbers.push(q.DocNumber)
      const m = byQbo.get(`invoice:${q.Id}`)
      const local = m && base.records.invoices.find((x) => x.id === m.localId)
      if (m && local) out.settlements.push(invoiceBack(m, local, q, at))
    }
  }
  return out
}

/** A QuickBooks customer nothing here is linked to: created here and linked. */
function createHere(c: QboEntity, ctx: { at: string; realmId: string; newId: () => string }): Settlement | undefined {
  const fields = contactFieldsOf(c)
  if (!fields.ok) return undefined
  const record: Contact = { ...fields.value, id: ctx.newId() as Contact['id'], version: 1, updatedAt: ctx.at }
  const s = linkSettlement({
    kind: 'contact',
    localId: record.id,
    label: record.displayName,
    entity: c,
    record,
    realmId: ctx.realmId,
    at: ctx.at,
  })
  const details = `Created here from QuickBooks (Id ${c.Id})`
  return {
    ...s,
    records: [{ kind: 'contact', record }],
    log: s.log.map((l) => ({ ...l, direction: 'pull' as const, status: 'synced' as const, details })),
  }
}

const isDeleted = (q: QboDeletedStub | QboInvoice): q is QboDeletedStub => q['status'] === 'Deleted'

/** An invoice takes back QuickBooks' balance and void state. */
function invoiceBack(m: Mapping, local: Invoice, q: QboInvoice, at: string): Settlement {
  const back = readInvoice(q)
  const next: Invoice = {
    ...local,
    balance: back.voided ? 0 : back.balanceCents,
    ...(back.voided && local.status !== 'void' ? { status: 'void' as const, voidedAt: at } : {}),
  }
  return {
    mapping: { ...m, syncToken: String(q.SyncToken ?? m.syncToken) as Mapping['syncToken'], updatedAt: at },
    doneSeqs: [],
    records: [{ kind: 'invoice', record: next as unknown as Record<string, unknown> }],
    log: [
      {
        at,
        kind: 'invoice',
        localId: local.id,
        qboId: m.qboId,
        label: `Invoice ${local.number ?? ''}`.trim(),
        direction: 'pull',
        status: 'synced',
        details: back.voided
          ? 'Voided in QuickBooks'
          : `Balance from QuickBooks: ${(back.balanceCents / 100).toFixed(2)}`,
      },
    ],
  }
}

const shown = (v: unknown) => JSON.stringify(v)

function mergeInto(
  base: PullBase,
  m: Mapping,
  remote: QboEntity,
  kind: 'contact' | 'item',
  at: string,
  pending: Set<string>,
): Settlement | undefined {
  if (String(remote.SyncToken) === String(m.syncToken)) return undefined // our own write coming back
  const list: (Contact | Item)[] = kind === 'contact' ? base.records.contacts : base.records.items
  const local = list.find((x) => x.id === m.localId)
  if (!local) return undefined
  const remoteFields = fieldsFromQbo(kind, remote)
  if (!remoteFields) return undefined
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
  log.push({
    ...row,
    status: 'synced',
    details:
      result.toLocal.length > 0
        ? `Updated from QuickBooks: ${result.toLocal.join(', ')}`
        : 'Changed in QuickBooks; nothing to update here',
  })
  // With a local edit still queued, the base stays put so the push merges again; otherwise the merge is the new base.
  const hasPending = pending.has(`${kind}:${local.id}`)
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
