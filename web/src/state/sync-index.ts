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

/** Outbox rows of one kind by local id, as stored (parsed when a row on screen asks for them). */
export type OutboxByRecord = ReadonlyMap<string, readonly unknown[]>

/**
 * Every outbox row of one kind, in pages through the [kind+localId] index: native reads, each page in a task of
 * its own, where a filtered cursor calls back once per row. A page boundary can fall inside one record's rows,
 * so a page starts again at the last record read and skips the rows already seen.
 */
export async function outboxOfKind(db: FieldsyncDB, kind: SyncKind, size = 500): Promise<OutboxByRecord> {
  const out = new Map<string, unknown[]>()
  const seen = new Set<number>()
  let from = ''
  for (;;) {
    const page = await db.outbox
      .where('[kind+localId]')
      .between([kind, from], [kind, '\uffff'], true, true)
      .limit(size)
      .toArray()
    let fresh = 0
    for (const row of page) {
      if (seen.has(row.seq)) continue
      seen.add(row.seq)
      fresh++
      const rows = out.get(row.localId)
      if (rows) rows.push(row)
      else out.set(row.localId, [row])
    }
    const last = page.at(-1)
    if (!last || page.length < size || fresh === 0) return out
    from = last.localId
  }
}

/**
 * The states of the records on screen: their mappings by key, their outbox rows from `outbox` (read once per
 * change for the whole kind, so a scroll reads only mappings). A list no longer reads 10,000 mappings while a
 * sync writes them.
 */
export async function loadSyncStates(
  db: FieldsyncDB,
  kind: SyncKind,
  ids: readonly string[],
  outbox: OutboxByRecord,
): Promise<SyncIndex> {
  const keys = ids.map((id) => [kind, id])
  const mappings = (await db.mappings.bulkGet(keys as never[])).filter((r) => r !== undefined)
  const rows = ids.flatMap((id) => outbox.get(id) ?? [])
  return buildSyncIndex(kind, readable(MappingRead, 'mappings', mappings), readable(OutboxRead, 'outbox', rows))
}
