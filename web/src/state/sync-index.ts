/**
 * One list's mappings and outbox rows, read for the list's live sync states: those of the records on screen
 * (by key, through the indexes), or of every record of the kind. Rows are parsed on the way
 * out of IndexedDB, so the ids in them are the branded ones; a row that does not parse (written by an
 * older or broken build) is left out with a warning rather than failing the whole list.
 */
import type { z } from 'zod'
import { Mapping, OutboxRow } from '#shared/domain/index.ts'
import type { SyncKind } from '#shared/domain/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { buildSyncIndex, type SyncIndex } from './record-sync-state.ts'

const MappingRead = Mapping.pick({
  kind: true,
  localId: true,
  qboId: true,
  syncedVersion: true,
  status: true,
  lastError: true,
})
const OutboxRead = OutboxRow.pick({
  kind: true,
  localId: true,
  version: true,
  op: true,
  lastError: true,
  nextAttemptAt: true,
})

function readable<S extends z.ZodType>(schema: S, table: string, rows: readonly unknown[]): z.infer<S>[] {
  const out: z.infer<S>[] = []
  for (const row of rows) {
    const parsed = schema.safeParse(row)
    if (parsed.success) out.push(parsed.data)
    else console.warn(`${table}: a row left out of the sync states`, parsed.error.issues[0]?.message)
  }
  return out
}

/**
 * With `ids`, only those records' rows (a list reads the few dozen it shows, not 10,000 of each while a sync
 * writes them); without, every record of the kind. Both tables in one read transaction, so a record's mapping
 * and outbox rows come from the same commit.
 */
export async function loadSyncIndex(db: FieldsyncDB, kind: SyncKind, ids?: readonly string[]): Promise<SyncIndex> {
  const [mappings, outbox] = await db.transaction('r', db.mappings, db.outbox, () => {
    if (!ids) {
      return Promise.all([
        db.mappings.where('[kind+localId]').between([kind, ''], [kind, '\uffff']).toArray(),
        db.outbox.toArray(),
      ])
    }
    const keys = ids.map((id) => [kind, id])
    return Promise.all([
      db.mappings.bulkGet(keys as never[]).then((rows) => rows.filter((r) => r !== undefined)),
      // One index read per id: `anyOf` walks a cursor with a callback per step, these are native reads.
      Promise.all(ids.map((id) => db.outbox.where('[kind+localId]').equals([kind, id]).toArray())).then((rows) =>
        rows.flat(),
      ),
    ])
  })
  return buildSyncIndex(kind, readable(MappingRead, 'mappings', mappings), readable(OutboxRead, 'outbox', outbox))
}
