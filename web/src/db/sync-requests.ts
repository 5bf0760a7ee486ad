/**
 * What the user can ask of a record's sync from the page: retry it now, retry every error, unlink it from a
 * QuickBooks record that was deleted there (so the next sync creates it again, never silently), send again a
 * payment held as unverified once the user has checked QuickBooks, and clear all links on disconnect. Each is one Dexie transaction over the outbox and mappings; the worker sees the rows on
 * its next run (the caller then asks for Sync Now). No record is ever deleted here.
 * @module
 */
import Dexie from 'dexie'
import { coalesceOp } from '#shared/domain/index.ts'
import type { LocalId, OutboxRow, SyncKind } from '#shared/domain/index.ts'
import { UNVERIFIED_PAYMENT_CODE } from '../sync/core/index.ts'
import { noticeOnCommit } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'

export type RecordKey = { kind: SyncKind; localId: LocalId }

/** Makes the unclaimed outbox rows of these records due now; returns how many rows it woke. */
export async function retryRecords(db: FieldsyncDB, keys: readonly RecordKey[]): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    let woke = 0
    for (const k of keys) {
      const rows = await db.outbox.where('[kind+localId]').equals([k.kind, k.localId]).toArray()
      for (const r of rows) {
        if (r.batchId !== undefined) continue
        await db.outbox.update(r.seq, { nextAttemptAt: undefined, lastError: undefined, attempts: 0 })
        woke++
      }
    }
    return woke
  })
}

/** Every record whose outbox row holds an error: the "Retry all errors" list. */
export async function failedRecords(db: FieldsyncDB): Promise<RecordKey[]> {
  // A filtered cursor, measured against whole-table and paged reads at tablet speed: those copy every row out at
  // once and held up the first rows of the lists and the sync screen's tasks more than the cursor's callbacks do.
  const rows = await db.outbox.filter((r) => r.lastError !== undefined).toArray()
  const seen = new Set<string>()
  return rows
    .filter((r) => !seen.has(`${r.kind}|${r.localId}`) && (seen.add(`${r.kind}|${r.localId}`), true))
    .map((r) => ({ kind: r.kind, localId: r.localId }))
}

export async function retryAllErrors(db: FieldsyncDB): Promise<number> {
  return retryRecords(db, await failedRecords(db))
}

/**
 * The QuickBooks twin is gone (deleted or made inactive there): forget the link and queue a create of the
 * record's current version. The user asked for it; the engine never does this by itself.
 */
export async function unlinkAndRecreate(db: FieldsyncDB, key: RecordKey, version: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.mappings, async () => {
    noticeOnCommit()
    await db.mappings.where('[kind+localId]').equals([key.kind, key.localId]).delete()
    const rows = await db.outbox.where('[kind+localId]').equals([key.kind, key.localId]).toArray()
    const open = rows.find((r) => r.batchId === undefined)
    if (open)
      await db.outbox.update(open.seq, {
        op: 'create',
        version,
        nextAttemptAt: undefined,
        lastError: undefined,
        attempts: 0,
      })
    else
      await db.outbox.add({
        kind: key.kind,
        localId: key.localId,
        version,
        op: 'create',
        createdAt: db.stamp(),
        attempts: 0,
      })
  })
}

/** Payments held as unverified (sent, no answer, nothing to look them up by): each waits for the user's answer. */
export async function heldPayments(db: FieldsyncDB): Promise<LocalId[]> {
  // The payments' rows only, in one native read through the [kind+localId] index.
  const rows = (
    await db.outbox.where('[kind+localId]').between(['payment', Dexie.minKey], ['payment', Dexie.maxKey]).toArray()
  ).filter((r) => r.lastError?.code === UNVERIFIED_PAYMENT_CODE)
  return [...new Set(rows.map((r) => r.localId))]
}

/**
 * "It is not in QuickBooks — send it": the user checked QuickBooks, so the held claim is let go and the next sync
 * sends the payment as a new request (a new requestid). An edit queued since folds into the same row, as any
 * edit of an unclaimed row does, so the record keeps one unclaimed row. Returns whether there was a hold to let go.
 */
export async function resendHeldPayment(db: FieldsyncDB, localId: LocalId): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const rows = (await db.outbox.where('[kind+localId]').equals(['payment', localId]).toArray()).sort(
      (a, b) => a.seq - b.seq,
    )
    const held = rows.filter((r) => r.lastError?.code === UNVERIFIED_PAYMENT_CODE)
    if (held.length === 0) return false
    noticeOnCommit()
    const folded = [...held, ...rows.filter((r) => r.batchId === undefined && !held.includes(r))]
    const {
      requestId: _r,
      batchId: _b,
      sent: _s,
      lastError: _e,
      nextAttemptAt: _n,
      ...last
    } = folded[folded.length - 1]!
    const row: OutboxRow = {
      ...last,
      op: folded.map((r) => r.op).reduce(coalesceOp),
      version: Math.max(...folded.map((r) => r.version)),
      attempts: 0,
    }
    await db.outbox.bulkDelete(folded.filter((r) => r.seq !== row.seq).map((r) => r.seq))
    await db.outbox.put(row)
    return true
  })
}

/**
 * Disconnect with "clear links": the next connection matches from scratch, through its own initial sync (the
 * checkpoint and its company go too). Records and the outbox stay.
 */
export async function clearMappings(db: FieldsyncDB): Promise<number> {
  return db.transaction('rw', db.mappings, db.settings, async () => {
    const n = await db.mappings.count()
    await db.mappings.clear()
    const row = await db.settings.get('app')
    if (row) {
      const { cdcCheckpoint: _c, syncedRealmId: _r, ...rest } = row
      await db.settings.put(rest)
    }
    return n
  })
}
