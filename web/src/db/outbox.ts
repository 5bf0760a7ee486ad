/**
 * The outbox side of the one write path. `enqueue` must run inside the caller's
 * read-write transaction (which includes `outbox`), so a record's new version and
 * its outbox row commit together or not at all.
 *
 * Coalescing: a record has at most one unclaimed row (no `batchId`). A later edit
 * moves that row to the new version (and merges the op with `coalesceOp`) instead
 * of adding a row; a claimed row is in the engine's hands and is never touched.
 */
import Dexie, { liveQuery } from 'dexie'
import type { Observable, Transaction } from 'dexie'
import { coalesceOp } from '#shared/domain/index.ts'
import type { LocalId, OutboxOp, OutboxRow, SyncKind } from '#shared/domain/index.ts'
import type { FieldsyncDB } from './schema.ts'

export type Change = { kind: SyncKind; localId: LocalId; version: number; op: OutboxOp }

type EditListener = () => void
const editListeners = new Set<EditListener>()
const noticed = new WeakSet<Transaction>()

/**
 * Calls `listener` after each committed transaction that queued a change in this realm (page or worker), so
 * auto-sync hears of every edit: a coalesced edit leaves the pending count unchanged, and an edit of a record
 * in flight adds a row while the engine settles others, so counting rows would miss both. Returns the unsubscribe.
 */
export function onLocalEdit(listener: EditListener): () => void {
  editListeners.add(listener)
  return () => editListeners.delete(listener)
}

/** One notice per transaction, on commit only: an aborted edit queued nothing. Call inside the transaction. */
export function noticeOnCommit(): void {
  const tx = Dexie.currentTransaction
  if (!tx || noticed.has(tx)) return
  noticed.add(tx)
  tx.on('complete', () => {
    for (const l of editListeners) l()
  })
}

export async function enqueue(db: FieldsyncDB, change: Change): Promise<void> {
  noticeOnCommit()
  const rows = await db.outbox.where('[kind+localId]').equals([change.kind, change.localId]).toArray()
  const open = rows.find((r) => r.batchId === undefined)
  if (open) {
    await db.outbox.update(open.seq, { version: change.version, op: coalesceOp(open.op, change.op) })
    return
  }
  await db.outbox.add(newRow(db, change))
}

/**
 * For records created in the same transaction: they cannot have a row yet, so
 * the rows go in with one bulkAdd instead of a lookup each.
 */
export async function enqueueNew(db: FieldsyncDB, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return
  noticeOnCommit()
  await db.outbox.bulkAdd(changes.map((c) => newRow(db, c)))
}

function newRow(db: FieldsyncDB, c: Change): Omit<OutboxRow, 'seq'> {
  return { kind: c.kind, localId: c.localId, version: c.version, op: c.op, createdAt: db.stamp(), attempts: 0 }
}

/** Rows in the order the engine sends them. */
export function listOutbox(db: FieldsyncDB): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').toArray()
}

/** How many records have changes not yet in QuickBooks (a record with a claimed and an open row counts once). */
export async function pendingCount(db: FieldsyncDB): Promise<number> {
  // Keys only, through a cursor: reading the rows themselves (in one read or in pages) copies every row out of
  // IndexedDB and, measured at tablet speed, delayed the invoice list's first rows and lengthened tasks in a sync.
  const keys = await db.outbox.orderBy('[kind+localId]').uniqueKeys()
  return keys.length
}

/**
 * The header badge's number, live. Dexie re-runs the query when any tab of the
 * app writes the outbox (it signals other tabs through BroadcastChannel).
 */
export function pendingCount$(db: FieldsyncDB): Observable<number> {
  return liveQuery(() => pendingCount(db))
}
