/**
 * Live QuickBooks state of every record of one kind: the list's mappings and outbox rows through Dexie's
 * live queries, so a row turns green, yellow or red as the worker writes, in this tab or another.
 */
import type { SyncKind } from '#shared/domain/index.ts'
import { useDb } from './db.ts'
import { createLive } from './live.ts'
import { stateIn, type RecordSyncState, type RecordView } from './record-sync-state.ts'
import { loadSyncIndex } from './sync-index.ts'

export function createSyncStates(kind: SyncKind): (id: string, record: RecordView) => RecordSyncState | undefined {
  const db = useDb()
  const index = createLive(() => loadSyncIndex(db, kind), undefined, ['mappings', 'outbox'])
  return (id, record) => stateIn(index(), id, record)
}
