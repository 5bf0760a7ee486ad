/**
 * The sync states a screen has asked for, by record id: which ids are on screen (each asks, and lets go when its
 * row goes), their mappings and outbox rows as last read, and when to read them again. Plain data and a loader,
 * so it is tested without Solid or IndexedDB.
 *
 * Reads never go back in time: each read is stamped with the number of changes announced when it started, and
 * an older read that lands after a newer one is dropped.
 * @module
 */
import type { MappingView, OutboxView, SyncIndex } from './record-sync-state.ts'

export type SyncEntry = { mapping: MappingView | undefined; outbox: readonly OutboxView[] }

export interface SyncStore {
  /** A row on screen needs this id's state: read it soon if it has not been. Returns the function that lets go. */
  want(id: string): () => void
  /** The last read of this id, or undefined until the first one. */
  get(id: string): SyncEntry | undefined
  /** A commit changed the mappings or the outbox: what was read is out of date until `refresh`. */
  changed(): void
  /** Reads every wanted id again and forgets ids no row wants that were read before the change. */
  refresh(): Promise<void>
  /** Called after each read that changed what `get` answers. */
  onUpdate(listener: () => void): void
  dispose(): void
}

type Stamped = SyncEntry & { stamp: number }

/** Entries kept for rows scrolled away, so scrolling back shows their icons at once. */
const KEEP = 2000

/**
 * How long ids asked for wait to be read together: a fast scroll brings a few rows into view every frame, and one
 * read for several frames' rows costs the main thread less than one per frame; an icon shows this much later.
 */
export const GATHER_MS = 50

export function createSyncStore(
  load: (ids: readonly string[]) => Promise<SyncIndex>,
  later: (fn: () => void) => void = (fn) => setTimeout(fn, GATHER_MS),
): SyncStore {
  const entries = new Map<string, Stamped>()
  const users = new Map<string, number>()
  const pending = new Set<string>()
  const reading = new Set<string>()
  let changes = 0
  let scheduled = false
  let disposed = false
  let listener = () => {}

  const read = async (ids: readonly string[]): Promise<number> => {
    const started = changes
    for (const id of ids) reading.add(id)
    try {
      const index = await load(ids)
      if (disposed) return started
      for (const id of ids) {
        const cur = entries.get(id)
        if (cur && cur.stamp > started) continue
        entries.set(id, { mapping: index.mappings.get(id), outbox: index.outbox.get(id) ?? [], stamp: started })
      }
      listener()
    } catch (error: unknown) {
      console.warn('sync states: a read failed', error)
    } finally {
      for (const id of ids) reading.delete(id)
    }
    return started
  }
  const readPending = () => {
    scheduled = false
    if (disposed || pending.size === 0) return
    const ids = [...pending]
    pending.clear()
    void read(ids)
  }

  return {
    want(id) {
      users.set(id, (users.get(id) ?? 0) + 1)
      if (!entries.has(id) && !reading.has(id) && !pending.has(id)) {
        pending.add(id)
        if (!scheduled) {
          scheduled = true
          later(readPending)
        }
      }
      let held = true
      return () => {
        if (!held) return
        held = false
        const n = (users.get(id) ?? 1) - 1
        if (n > 0) users.set(id, n)
        else users.delete(id)
      }
    },
    get: (id) => entries.get(id),
    changed() {
      changes++
    },
    async refresh() {
      const started = await read([...users.keys()])
      let spare = entries.size - KEEP
      for (const [id, e] of entries) {
        if (users.has(id)) continue
        if (e.stamp < started || spare > 0) {
          entries.delete(id)
          spare--
        }
      }
    },
    onUpdate(l) {
      listener = l
    },
    dispose() {
      disposed = true
    },
  }
}
