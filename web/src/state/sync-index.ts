/** One list's mappings and outbox rows, read for the list's live sync states. */
import type { SyncKind } from '../../../shared/domain/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { buildSyncIndex, type SyncIndex } from './record-sync-state.ts'

export async function loadSyncIndex(db: FieldsyncDB, kind: SyncKind): Promise<SyncIndex> {
  const [mappings, outbox] = await Promise.all([
    db.mappings.where('[kind+localId]').between([kind, ''], [kind, '\uffff']).toArray(),
    db.outbox.toArray(),
  ])
  return buildSyncIndex(kind, mappings, outbox)
}
