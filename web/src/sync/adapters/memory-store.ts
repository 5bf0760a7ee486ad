/**
 * LocalStore in memory, for runner tests and the benchmark's quick paths. Holds the same rows the Dexie store
 * does and keeps the same contract (see `ports.ts`); every method copies rows in and out, so a caller can never
 * change stored state by mutating what it was given.
 * @module
 */
import { defaultSettings } from '#shared/domain/index.ts'
import type { Mapping, OutboxRow, Settings, SyncKind, SyncLogRow } from '#shared/domain/index.ts'
import { invoiceNumberPast } from '../../db/invoice-numbers.ts'
import type { Claim, LocalRecords, LocalSnapshot, LocalStore, LogEntry, Settlement } from '../ports.ts'
import { causeKey, failedRowFate, repeatOf } from '../core/index.ts'

const tableOf: Record<SyncKind, keyof LocalRecords> = {
  contact: 'contacts',
  item: 'items',
  invoice: 'invoices',
  payment: 'payments',
  job: 'jobs',
}

export interface MemoryStoreSeed {
  records?: Partial<LocalRecords>
  outbox?: Omit<OutboxRow, 'seq'>[]
  mappings?: Mapping[]
  settings?: Partial<Settings>
}

export class MemoryStore implements LocalStore {
  #records: { [K in keyof LocalRecords]: Map<string, LocalRecords[K][number]> } = {
    contacts: new Map(),
    items: new Map(),
    invoices: new Map(),
    payments: new Map(),
    jobs: new Map(),
  }
  #outbox = new Map<number, OutboxRow>()
  #mappings = new Map<string, Mapping>()
  #log: SyncLogRow[] = []
  #settings: Settings
  #seq = 0
  #logSeq = 0

  constructor(seed: MemoryStoreSeed = {}) {
    this.#settings = { ...defaultSettings, ...seed.settings }
    for (const [table, rows] of Object.entries(seed.records ?? {}) as [
      keyof LocalRecords,
      LocalRecords[keyof LocalRecords],
    ][]) {
      for (const r of rows) (this.#records[table] as Map<string, unknown>).set(r.id, clone(r))
    }
    for (const row of seed.outbox ?? []) this.enqueue(row)
    for (const m of seed.mappings ?? []) this.#mappings.set(key(m.kind, m.localId), clone(m))
  }

  /** Adds an outbox row as the repositories would (tests use it to queue changes). */
  enqueue(row: Omit<OutboxRow, 'seq'>): number {
    const seq = ++this.#seq
    this.#outbox.set(seq, { ...clone(row), seq })
    return seq
  }

  /** Puts a record as a local edit would (tests bump `version` themselves). */
  put(kind: SyncKind, record: { id: string }): void {
    ;(this.#records[tableOf[kind]] as Map<string, unknown>).set(record.id, clone(record))
  }

  async snapshot(): Promise<LocalSnapshot> {
    const list = <K extends keyof LocalRecords>(k: K) => [...this.#records[k].values()].map(clone) as LocalRecords[K]
    return {
      records: {
        contacts: list('contacts'),
        items: list('items'),
        invoices: list('invoices'),
        payments: list('payments'),
        jobs: list('jobs'),
      },
      outbox: [...this.#outbox.values()].sort((a, b) => a.seq - b.seq).map(clone),
      mappings: [...this.#mappings.values()].map(clone),
      settings: clone(this.#settings),
    }
  }

  async claim(claims: readonly Claim[]): Promise<(OutboxRow | undefined)[]> {
    const out: (OutboxRow | undefined)[] = []
    for (const c of claims) {
      const existing = c.seq === undefined ? undefined : this.#outbox.get(c.seq)
      if (c.seq !== undefined && !existing) {
        out.push(undefined)
        continue
      }
      if (c.seq === undefined && c.op === 'create' && this.#mappings.has(key(c.kind, c.localId))) {
        out.push(undefined)
        continue
      }
      if (existing) {
        if (existing.requestId === undefined) {
          if (existing.version > c.version) {
            out.push(undefined)
            continue
          }
          Object.assign(existing, { requestId: c.requestId, batchId: c.batchId }, c.sent ? { sent: clone(c.sent) } : {})
        }
        out.push(clone(existing))
        continue
      }
      const seq = ++this.#seq
      const row: OutboxRow = {
        seq,
        kind: c.kind,
        localId: c.localId as OutboxRow['localId'],
        version: c.version,
        op: c.op,
        createdAt: new Date(0).toISOString(),
        requestId: c.requestId,
        batchId: c.batchId,
        ...(c.sent ? { sent: clone(c.sent) } : {}),
        attempts: 0,
      }
      this.#outbox.set(seq, row)
      out.push(clone(row))
    }
    return out
  }

  async settle(settlements: readonly Settlement[]): Promise<void> {
    for (const s of settlements) {
      // A failure sent against a mapping the user has since unlinked leaves the unlink standing.
      const unlinkedSince =
        s.failed !== undefined && s.mapping !== undefined && !this.#mappings.has(key(s.mapping.kind, s.mapping.localId))
      if (s.mapping && !unlinkedSince) this.#mappings.set(key(s.mapping.kind, s.mapping.localId), clone(s.mapping))
      for (const seq of s.doneSeqs) this.#outbox.delete(seq)
      for (const d of s.doneIfUnchanged ?? [])
        if (this.#outbox.get(d.seq)?.version === d.version) this.#outbox.delete(d.seq)
      if (s.failed) {
        const failedSeqs = new Set(s.failed.seqs)
        for (const seq of s.failed.seqs) {
          const row = this.#outbox.get(seq)
          if (!row) continue
          const recordRows = () =>
            [...this.#outbox.values()].filter((o) => o.kind === row.kind && o.localId === row.localId)
          const fate = failedRowFate({ row, unlinkedSince, recordRows, failedSeqs })
          if (fate === 'drop') this.#outbox.delete(seq)
          if (fate !== 'mark') continue
          const next: OutboxRow = { ...row, attempts: s.failed.attempts, lastError: s.failed.error }
          if (s.failed.nextAttemptAt !== undefined) next.nextAttemptAt = s.failed.nextAttemptAt
          if (s.failed.release) {
            delete next.requestId
            delete next.batchId
            delete next.sent
          }
          this.#outbox.set(seq, next)
        }
      }
      for (const r of s.records ?? []) this.put(r.kind, r.record as { id: string })
      await this.log(s.log)
    }
  }

  async setCheckpoint(checkpoint: string, realmId: string): Promise<void> {
    this.#settings = { ...this.#settings, cdcCheckpoint: checkpoint, syncedRealmId: realmId }
  }

  async settings(): Promise<Settings> {
    return clone(this.#settings)
  }

  async moveInvoiceNumberPast(docNumbers: readonly unknown[]): Promise<void> {
    this.#settings = {
      ...this.#settings,
      nextInvoiceNumber: invoiceNumberPast(this.#settings.nextInvoiceNumber, docNumbers),
    }
  }

  async setQuickBooksNumbers(on: boolean): Promise<void> {
    this.#settings = { ...this.#settings, quickBooksNumbers: on }
  }

  /** One row per record and cause, as the Dexie store keeps it: a repeat replaces the row and moves to the top. */
  async log(rows: readonly LogEntry[]): Promise<void> {
    for (const r of rows) {
      const i =
        causeKey(r) === undefined ? -1 : this.#log.findLastIndex((l) => l.kind === r.kind && l.localId === r.localId)
      const repeat = i < 0 ? undefined : repeatOf(this.#log[i], r)
      if (repeat) this.#log.splice(i, 1)
      this.#log.push({ ...clone(repeat ?? r), seq: ++this.#logSeq })
    }
  }

  async readLog(): Promise<SyncLogRow[]> {
    return this.#log.map(clone)
  }
}

function key(kind: string, localId: string): string {
  return `${kind}:${localId}`
}

function clone<T>(v: T): T {
  return structuredClone(v)
}
