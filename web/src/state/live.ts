/**
 * A live IndexedDB query → Solid signal. The query re-runs when a table it reads changes, in this tab, in the
 * sync worker or in another tab (Dexie announces every committed change, across contexts through
 * BroadcastChannel), and whenever `deps` changes (a search term, a route id). The subscription ends with the
 * owning component.
 *
 * Why not Dexie's liveQuery: each of its subscriptions merges every changed key of every table into a range
 * tree, on the page, for every commit the sync worker makes: with a handful of live queries on screen a full
 * sync blocked the main thread for 60–120 ms per commit. Here a change costs a glance at the table names, and
 * re-runs are coalesced (at most one per RERUN_GAP_MS per query while changes stream, always one after the last).
 *
 * @example
 * const pending = createLive(() => pendingCount(db), undefined, ['outbox'])
 * const found = createLive(() => repos.contacts.search(term()), term, ['contacts'])
 */
import Dexie from 'dexie'
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js'
import { createRerun } from './live-rerun.ts'
import { err, ok, type Result } from '#shared/result.ts'

export interface Live<T> {
  /** The latest result; undefined until the first one arrives. */
  (): T | undefined
  /** The last failure, if the latest run failed (the previous value stays shown). */
  error: Accessor<unknown>
  /** True until the first result for the current deps arrives. */
  loading: Accessor<boolean>
}

/** A few updates a second keep lists and badges live without the page re-reading IndexedDB per commit. */
export const RERUN_GAP_MS = 300

type Changed = ReadonlySet<string> | 'all'

/** The table names in one of Dexie's change notices (keys like `idb://fieldsync/outbox/[kind+localId]`). */
export function changedTables(parts: Readonly<Record<string, unknown>>): Changed {
  const out = new Set<string>()
  for (const key of Object.keys(parts)) {
    if (key === 'all') return 'all'
    const m = /^idb:\/\/[^/]*\/([^/]*)\//.exec(key)
    if (m?.[1]) out.add(m[1])
  }
  return out
}

const listeners = new Set<(changed: Changed) => void>()
let listening = false

function onChange(listener: (changed: Changed) => void): () => void {
  if (!listening) {
    listening = true
    Dexie.on('storagemutated', (parts) => {
      const changed = changedTables(parts)
      for (const l of listeners) l(changed)
    })
  }
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Calls `listener` after each commit that changed one of `tables` (in any context). Returns the function that stops it. */
export function onTablesChanged(tables: readonly string[], listener: () => void): () => void {
  return onChange((changed) => {
    if (changed === 'all' || tables.some((t) => changed.has(t))) listener()
  })
}

export type Outcome<T> = Result<T, unknown>

/**
 * Runs `query` now (on the next task) and again, coalesced, whenever one of `tables` changes (any table when
 * `tables` is undefined); hands each outcome to `deliver`. Returns the function that stops it.
 */
export function watchQuery<T>(
  query: () => T | Promise<T>,
  tables: readonly string[] | undefined,
  deliver: (o: Outcome<T>) => void,
): () => void {
  let stopped = false
  const rerun = createRerun(async () => {
    let outcome: Outcome<T>
    try {
      outcome = ok(await query())
    } catch (error: unknown) {
      outcome = err(error)
    }
    if (!stopped) deliver(outcome)
  }, RERUN_GAP_MS)
  const stop = onChange((changed) => {
    if (changed === 'all' || !tables || tables.some((t) => changed.has(t))) rerun.changed()
  })
  rerun.changed()
  return () => {
    stopped = true
    stop()
    rerun.dispose()
  }
}

/**
 * `tables`: the tables the query reads; a change elsewhere does not re-run it. Without it, any change does
 * (still coalesced).
 */
export function createLive<T>(
  query: () => T | Promise<T>,
  deps: Accessor<unknown> = () => undefined,
  tables?: readonly string[],
): Live<T> {
  const [value, setValue] = createSignal<T | undefined>(undefined)
  const [error, setError] = createSignal<unknown>(undefined)
  const [loading, setLoading] = createSignal(true)
  createEffect(
    on(deps, () => {
      setLoading(true)
      const stop = watchQuery(query, tables, (o) => {
        // A function-valued setter would be called by Solid; wrap to store as is.
        if (o.ok) {
          setValue(() => o.value)
          setError(undefined)
        } else {
          setError(() => o.error)
        }
        setLoading(false)
      })
      onCleanup(stop)
    }),
  )
  return Object.assign(() => value(), { error, loading })
}
