/**
 * Live QuickBooks state of the records a screen shows: their mappings and outbox rows, read by key for the
 * rows on screen only, so a row turns green, yellow or red as the worker writes, in this tab or another.
 *
 * Why by key: a list used to read every mapping of its kind and the whole outbox (and parse each row) on each
 * change; while a sync writes 10,000 mappings that was a few hundred milliseconds of main thread, a few times a
 * second, at tablet speed. Now a row asks for its own state: the ids asked for within a few frames are read
 * together (their mappings by key), the kind's outbox rows are read once per change in pages, and a change
 * re-reads only the ids still on screen.
 */
import { createSignal, getOwner, onCleanup } from 'solid-js'
import type { SyncKind } from '#shared/domain/index.ts'
import { getSettings } from '../db/settings.ts'
import { useDb } from './db.ts'
import { createLive } from './live.ts'
import { onTablesChanged, RERUN_GAP_MS } from './live.ts'
import { createRerun } from './live-rerun.ts'
import { createSyncStore } from './live-sync-store.ts'
import { recordSyncState, type RecordSyncState, type RecordView, type SyncIndex } from './record-sync-state.ts'
import { loadSyncStates, outboxOfKind, type OutboxByRecord } from './sync-index.ts'

export type SyncStates = (id: string, record: RecordView) => RecordSyncState | undefined

export function createSyncStates(kind: SyncKind): SyncStates {
  const db = useDb()
  // The kind's outbox rows, read once per change (and kept while nothing changes, so scrolling reads only mappings).
  let changes = 0
  let outbox: { at: number; rows: Promise<OutboxByRecord> } | undefined
  const outboxNow = (): Promise<OutboxByRecord> => {
    if (outbox?.at !== changes) {
      const at = changes
      const rows = outboxOfKind(db, kind)
      rows.catch(() => {
        if (outbox?.rows === rows) outbox = undefined
      })
      outbox = { at, rows }
    }
    return outbox.rows
  }
  // Manual export holds invoices and payments for approval: their rows say so.
  const settings =
    kind === 'invoice' || kind === 'payment' ? createLive(() => getSettings(db), undefined, ['settings']) : undefined
  const store = createSyncStore(async (ids): Promise<SyncIndex> => loadSyncStates(db, kind, ids, await outboxNow()))
  const [version, setVersion] = createSignal(0)
  store.onUpdate(() => setVersion((v) => v + 1))
  const rerun = createRerun(() => store.refresh(), RERUN_GAP_MS)
  const stop = onTablesChanged(['mappings', 'outbox'], () => {
    changes++
    store.changed()
    rerun.changed()
  })
  onCleanup(() => {
    stop()
    rerun.dispose()
    store.dispose()
  })
  return (id, record) => {
    version()
    // Asked for inside a row's computation: the id stays wanted until that computation re-runs or ends.
    const release = store.want(id)
    if (getOwner()) onCleanup(release)
    else release()
    const entry = store.get(id)
    return entry && recordSyncState(record, entry.mapping, entry.outbox, settings?.()?.exportMode === 'manual')
  }
}
