/**
 * LocalStore over the app's Dexie database. The repositories in `web/src/db` own the user's writes; this adapter
 * owns the engine's: claims, settlements (mapping + outbox + log + records from QuickBooks) and the checkpoint,
 * each call in one read-write transaction, so a crash leaves either all of a result or none of it.
 * @module
 */
import { Contact, defaultSettings, emailKey, Invoice, Item, Job, nameKey, Payment } from '#shared/domain/index.ts'
import type { OutboxRow, Settings, SyncKind, SyncLogRow } from '#shared/domain/index.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { invoiceNumbers } from '../../db/invoice-numbers-source.ts'
import type { Claim, LocalSnapshot, LocalStore, LogEntry, Settlement } from '../ports.ts'
import { causeKey, failedRowFate, repeatOf, type FailedRowFate } from '../core/index.ts'

export class DexieStore implements LocalStore {
  readonly db: FieldsyncDB

  constructor(db: FieldsyncDB) {
    this.db = db
  }

  snapshot(): Promise<LocalSnapshot> {
    const db = this.db
    return db.transaction(
      'r',
      [db.contacts, db.items, db.invoices, db.payments, db.jobs, db.outbox, db.mappings, db.settings],
      async () => {
        const [contacts, items, invoices, payments, jobs, outbox, mappings, settings] = await Promise.all([
          db.contacts.toArray(),
          db.items.toArray(),
          db.invoices.toArray(),
          db.payments.toArray(),
          db.jobs.toArray(),
          db.outbox.orderBy('seq').toArray(),
          db.mappings.toArray(),
          db.settings.get('app'),
        ])
        return {
          records: { contacts: contacts.map(stripContactKeys), items, invoices, payments, jobs },
          outbox,
          mappings,
          settings: settingsOf(settings),
        }
      },
    )
  }

  claim(claims: readonly Claim[]): Promise<(OutboxRow | undefined)[]> {
    const db = this.db
    return db.transaction('rw', [db.outbox, db.mappings], async () => {
      const out: (OutboxRow | undefined)[] = []
      for (const c of claims) {
        const existing = c.seq === undefined ? undefined : await db.outbox.get(c.seq)
        if (c.seq !== undefined && !existing) {
          out.push(undefined)
          continue
        }
        if (
          c.seq === undefined &&
          c.op === 'create' &&
          (await db.mappings.get([c.kind, c.localId as OutboxRow['localId']]))
        ) {
          out.push(undefined)
          continue
        }
        if (existing) {
          if (existing.requestId === undefined) {
            if (existing.version > c.version) {
              out.push(undefined)
              continue
            }
            existing.requestId = c.requestId
            existing.batchId = c.batchId
            if (c.sent) existing.sent = c.sent
            await db.outbox.put(existing)
          }
          out.push(existing)
          continue
        }
        const row: Omit<OutboxRow, 'seq'> = {
          kind: c.kind,
          localId: c.localId as OutboxRow['localId'],
          version: c.version,
          op: c.op,
          createdAt: db.stamp(),
          requestId: c.requestId,
          batchId: c.batchId,
          ...(c.sent ? { sent: c.sent } : {}),
          attempts: 0,
        }
        const seq = await db.outbox.add(row as OutboxRow)
        out.push({ ...row, seq: seq as number })
      }
      return out
    })
  }

  settle(settlements: readonly Settlement[]): Promise<void> {
    const db = this.db
    return db.transaction(
      'rw',
      [db.mappings, db.outbox, db.syncLog, db.contacts, db.items, db.invoices, db.payments, db.jobs],
      async () => {
        for (const s of settlements) {
          // A failure sent against a mapping the user has since unlinked leaves the unlink standing.
          const unlinkedSince =
            s.failed !== undefined &&
            s.mapping !== undefined &&
            (await db.mappings.get([s.mapping.kind, s.mapping.localId])) === undefined
          if (s.mapping && !unlinkedSince) await db.mappings.put(s.mapping)
          if (s.doneSeqs.length > 0) await db.outbox.bulkDelete(s.doneSeqs)
          if (s.doneIfUnchanged && s.doneIfUnchanged.length > 0) {
            const want = new Map(s.doneIfUnchanged.map((d) => [d.seq, d.version]))
            const rows = await db.outbox.bulkGet([...want.keys()])
            await db.outbox.bulkDelete(
              rows.filter((r): r is OutboxRow => r !== undefined && want.get(r.seq) === r.version).map((r) => r.seq),
            )
          }
          if (s.failed) {
            const f = s.failed
            const rows = (await db.outbox.bulkGet(f.seqs)).filter((r): r is OutboxRow => r !== undefined)
            const fate = await failedFates(db, rows, unlinkedSince)
            await db.outbox.bulkDelete(rows.filter((r) => fate.get(r.seq) === 'drop').map((r) => r.seq))
            await db.outbox.bulkPut(
              rows
                .filter((r) => fate.get(r.seq) === 'mark')
                .map((row) => {
                  const next: OutboxRow = { ...row, attempts: f.attempts, lastError: f.error }
                  if (f.nextAttemptAt !== undefined) next.nextAttemptAt = f.nextAttemptAt
                  if (f.release) {
                    delete next.requestId
                    delete next.batchId
                    delete next.sent
                  }
                  return next
                }),
            )
          }
          for (const r of s.records ?? []) await putRecord(db, r.kind, r.record)
          await appendLog(db, s.log)
        }
      },
    )
  }

  async setCheckpoint(checkpoint: string, realmId: string): Promise<void> {
    const db = this.db
    await db.transaction('rw', [db.settings], async () => {
      const current = settingsOf(await db.settings.get('app'))
      await db.settings.put({ ...current, cdcCheckpoint: checkpoint, syncedRealmId: realmId, id: 'app' })
    })
  }

  async settings(): Promise<Settings> {
    return settingsOf(await this.db.settings.get('app'))
  }

  /** Through the app's invoice number source, the one place numbers are given out and moved past. */
  async moveInvoiceNumberPast(docNumbers: readonly unknown[]): Promise<void> {
    await invoiceNumbers.movePast(this.db, docNumbers)
  }

  async setQuickBooksNumbers(on: boolean): Promise<void> {
    const db = this.db
    await db.transaction('rw', [db.settings], async () => {
      const current = settingsOf(await db.settings.get('app'))
      if (current.quickBooksNumbers !== on) await db.settings.put({ ...current, quickBooksNumbers: on, id: 'app' })
    })
  }

  async log(rows: readonly LogEntry[]): Promise<void> {
    await appendLog(this.db, rows)
  }

  readLog(): Promise<SyncLogRow[]> {
    return this.db.syncLog.orderBy('seq').toArray()
  }
}

function settingsOf(row: (Settings & { id: 'app' }) | undefined): Settings {
  if (!row) return defaultSettings
  const { id: _id, ...rest } = row
  return { ...defaultSettings, ...rest }
}

function stripContactKeys(c: Contact & { emailKey?: string; nameKey?: string }): Contact {
  const { emailKey: _e, nameKey: _n, ...rest } = c
  return rest
}

/** Each failed row's fate (core `failedRowFate`), judged against the record's rows as they are now. */
async function failedFates(
  db: FieldsyncDB,
  rows: readonly OutboxRow[],
  unlinkedSince: boolean,
): Promise<Map<number, FailedRowFate>> {
  const failedSeqs = new Set(rows.map((r) => r.seq))
  const fates = new Map<number, FailedRowFate>()
  for (const row of rows) {
    // Read only when the record was unlinked since: the common failure costs no extra query.
    const recordRows = unlinkedSince
      ? await db.outbox.where('[kind+localId]').equals([row.kind, row.localId]).toArray()
      : []
    fates.set(row.seq, failedRowFate({ row, unlinkedSince, recordRows: () => recordRows, failedSeqs }))
  }
  return fates
}

/**
 * A record the core settled arrives untyped (`Settlement.records` holds any kind): IndexedDB is a boundary, so
 * each is parsed with its kind's domain schema before it is stored. A record that does not parse is a bug in the
 * core; throwing aborts the settlement's transaction, so nothing half-written lands.
 */
async function putRecord(db: FieldsyncDB, kind: SyncKind, record: Record<string, unknown>): Promise<void> {
  switch (kind) {
    case 'contact': {
      const c = Contact.parse(record)
      await db.contacts.put({ ...c, emailKey: emailKey(c.email), nameKey: nameKey(c.displayName) })
      return
    }
    case 'item':
      await db.items.put(Item.parse(record))
      return
    case 'invoice':
      await db.invoices.put(Invoice.parse(record))
      return
    case 'payment':
      await db.payments.put(Payment.parse(record))
      return
    case 'job':
      await db.jobs.put(Job.parse(record))
      return
  }
}

/**
 * Log entries, one row per record and cause: an entry that repeats the record's newest row (same refusal again)
 * replaces it — one more time, last at the entry's time — and moves to the top of the log; others are added.
 * Entries that never repeat (synced, matched) are added without a lookup.
 */
async function appendLog(db: FieldsyncDB, entries: readonly LogEntry[]): Promise<void> {
  let pending: SyncLogRow[] = []
  const flush = async () => {
    if (pending.length > 0) await db.syncLog.bulkAdd(pending)
    pending = []
  }
  for (const entry of entries) {
    if (causeKey(entry) === undefined) {
      pending.push(entry as SyncLogRow)
      continue
    }
    // In order: what this batch added before may be the row this entry repeats.
    await flush()
    const previous = await db.syncLog.where('[kind+localId]').equals([entry.kind!, entry.localId!]).last()
    const repeat = repeatOf(previous, entry)
    if (repeat) await db.syncLog.delete(repeat.seq)
    const { seq: _replaced, ...row } = (repeat ?? entry) as SyncLogRow
    await db.syncLog.add(row as SyncLogRow)
  }
  await flush()
}
