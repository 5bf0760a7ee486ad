/**
 * Dexie liveQuery → Solid signal. The query re-runs whenever the tables it read
 * change, in this tab or another one (Dexie broadcasts changes between tabs),
 * and whenever `deps` changes (a search term, a route id). The subscription ends
 * with the owning component.
 *
 * @example
 * const pending = createLive(() => repos.outbox.pendingCount())
 * const found = createLive(() => repos.contacts.search(term()), term)
 */
import { liveQuery } from 'dexie'
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js'

export interface Live<T> {
  /** The latest result; undefined until the first one arrives. */
  (): T | undefined
  /** The last failure, if the latest run failed (the previous value stays shown). */
  error: Accessor<unknown>
  /** True until the first result for the current deps arrives. */
  loading: Accessor<boolean>
}

export function createLive<T>(query: () => T | Promise<T>, deps: Accessor<unknown> = () => undefined): Live<T> {
  const [value, setValue] = createSignal<T | undefined>(undefined)
  const [error, setError] = createSignal<unknown>(undefined)
  const [loading, setLoading] = createSignal(true)
  createEffect(
    on(deps, () => {
      setLoading(true)
      const sub = liveQuery(query).subscribe({
        next: (v) => {
          // A function-valued setter would be called by Solid; wrap to store as is.
          setValue(() => v)
          setError(undefined)
          setLoading(false)
        },
        error: (e: unknown) => {
          setError(() => e)
          setLoading(false)
        },
      })
      onCleanup(() => sub.unsubscribe())
    }),
  )
  return Object.assign(() => value(), { error, loading })
}
