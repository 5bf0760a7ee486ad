/**
 * What the user can ask of a record's sync from the page: retry it now, retry every error, unlink it from a
 * QuickBooks record that was deleted there (so the next sync creates it again, never silently), and clear all
 * links on disconnect. Each is one Dexie transaction over the outbox and mappings; the worker sees the rows on
 * its next run (the caller then asks for Sync Now). No record is ever deleted here.
 * @module
 */
import type { LocalId, SyncKind } from '../../../shared/domain/index.ts'
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
  const rows = await db.outbox.filter((r) => r.lastError !== undefined).toArray()
  const seen = new Set<string>()
  return rows.filter((r) => !seen.has(`${r.kind}|${r.localId}`) && (seen.add(`${r.kind}|${r.localId}`), true)).map((r) => ({ kind: r.kind, localId: r.localId }))
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
    if (open) await db.outbox.update(open.seq, { op: 'create', version, nextAttemptAt: undefined, lastError: undefined, attempts: 0 })
    else await db.outbox.add({ kind: key.kind, localId: key.localId, version, op: 'create', createdAt: db.stamp(), attempts: 0 })
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
