/**
 * What a fold knows while it runs: the links and records as they stand after each settlement it has made, so a
 * customer created here earlier in the same pull is the contact of the invoice that follows it.
 * @module
 */
import type { Contact, Invoice, Item, Job, Mapping, OutboxRow, Payment, SyncKind } from '#shared/domain/index.ts'
import type { LogEntry, Settlement } from '../settle/types.ts'

export interface PullBase {
  records: { contacts: Contact[]; items: Item[]; invoices: Invoice[]; payments?: Payment[]; jobs?: Job[] }
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

export interface FoldContext {
  at: string
  realmId: string
  newId: () => string
}

type Records = { contact: Contact; item: Item; invoice: Invoice; payment: Payment; job: Job }

export class FoldState {
  readonly ctx: FoldContext
  readonly out: PullFold = { settlements: [], created: 0, conflicts: 0, docNumbers: [] }
  readonly #byQbo = new Map<string, Mapping>()
  readonly #byLocal = new Map<string, Mapping>()
  readonly #records: { [K in SyncKind]: Map<string, Records[K]> }
  readonly #pending: Set<string>

  constructor(base: PullBase, ctx: FoldContext) {
    this.ctx = ctx
    for (const m of base.mappings) this.#index(m)
    const byId = <T extends { id: string }>(xs: readonly T[] | undefined) => new Map((xs ?? []).map((x) => [x.id, x]))
    this.#records = {
      contact: byId(base.records.contacts),
      item: byId(base.records.items),
      invoice: byId(base.records.invoices),
      payment: byId(base.records.payments),
      job: byId(base.records.jobs),
    }
    this.#pending = new Set(base.outbox.map((o) => `${o.kind}:${o.localId}`))
  }

  #index(m: Mapping): void {
    const local = `${m.kind}:${m.localId}`
    const old = this.#byLocal.get(local)
    if (old) this.#byQbo.delete(`${old.kind}:${old.qboId}`)
    this.#byLocal.set(local, m)
    if (m.status !== 'unlinked') this.#byQbo.set(`${m.kind}:${m.qboId}`, m)
  }

  /** The live link of a QuickBooks record of this kind. */
  linkOf(kind: SyncKind, qboId: string): Mapping | undefined {
    return this.#byQbo.get(`${kind}:${qboId}`)
  }

  mappingOf(kind: SyncKind, localId: string): Mapping | undefined {
    return this.#byLocal.get(`${kind}:${localId}`)
  }

  localIdOf = (kind: SyncKind, qboId: string): string | undefined => this.linkOf(kind, qboId)?.localId

  record<K extends SyncKind>(kind: K, localId: string): Records[K] | undefined {
    return this.#records[kind].get(localId)
  }

  all<K extends SyncKind>(kind: K): Records[K][] {
    return [...this.#records[kind].values()]
  }

  /** A local edit of this record is still queued. */
  pending(kind: SyncKind, localId: string): boolean {
    return this.#pending.has(`${kind}:${localId}`)
  }

  /** Keeps a settlement, and what it links and writes, for the rest of the fold. */
  emit(s: Settlement | undefined, created = false): void {
    if (!s) return
    this.out.settlements.push(s)
    this.out.conflicts += s.log.filter((l) => l.status === 'conflict').length
    if (created) this.out.created++
    if (s.mapping) this.#index(s.mapping)
    for (const r of s.records ?? []) {
      const rec = r.record as Records[SyncKind]
      ;(this.#records[r.kind] as Map<string, Records[SyncKind]>).set(rec.id, rec)
    }
  }

  /** One pull log row about a record. */
  row(kind: SyncKind, localId: string, qboId: string, label: string, details: string): LogEntry {
    const status = 'synced' as const
    return {
      at: this.ctx.at,
      kind,
      localId: localId as LogEntry['localId'],
      qboId,
      label,
      direction: 'pull',
      status,
      details,
    }
  }
}

/** A record written from QuickBooks: no version bump, nothing queued; its mapping moves to what QuickBooks holds. */
export function refreshed<T extends { id: string; version: number }>(
  m: Mapping,
  kind: SyncKind,
  record: T,
  syncToken: unknown,
  at: string,
  snapshot: Record<string, unknown> | undefined,
  log: LogEntry[],
): Settlement {
  return {
    mapping: {
      ...m,
      syncToken: String(syncToken ?? m.syncToken) as Mapping['syncToken'],
      updatedAt: at,
      ...(snapshot ? { snapshot, syncedVersion: record.version } : {}),
    },
    doneSeqs: [],
    records: [{ kind, record: record as unknown as Record<string, unknown> }],
    log,
  }
}
