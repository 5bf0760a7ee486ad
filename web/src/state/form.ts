/**
 * Form state for the edit pages: string values as typed, and the validation
 * messages the repositories return (`fields`: dotted path → plain words), shown
 * next to each field.
 */
import { createSignal } from 'solid-js'
import { createStore, type SetStoreFunction } from 'solid-js/store'
import type { DomainError } from '#shared/domain/index.ts'

export interface Form<T extends object> {
  values: T
  set: SetStoreFunction<T>
  error: (path: string) => string | undefined
  /** The message for the whole form (not-found, invalid state, or the first field error). */
  summary: () => string | undefined
  fail: (e: DomainError) => void
  clear: () => void
  busy: () => boolean
  /** Runs a save with the form marked busy, so a double tap cannot save twice. */
  run: <R>(work: () => Promise<R>) => Promise<R | undefined>
}

export function createForm<T extends object>(initial: T): Form<T> {
  const [values, set] = createStore<T>(initial)
  const [fields, setFields] = createSignal<Record<string, string>>({})
  const [summary, setSummary] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  return {
    values,
    set,
    error: (path) => fields()[path],
    summary,
    fail: (e) => {
      setFields('fields' in e ? e.fields : {})
      setSummary(e.kind === 'validation' ? 'Some fields need a fix before this can be saved.' : e.message)
    },
    clear: () => {
      setFields({})
      setSummary(undefined)
    },
    busy,
    run: async (work) => {
      if (busy()) return undefined
      setBusy(true)
      try {
        return await work()
      } finally {
        setBusy(false)
      }
    },
  }
}

/** Blank strings become undefined, so optional fields stay absent rather than empty. */
export function blankToUndefined(s: string): string | undefined {
  const t = s.trim()
  return t === '' ? undefined : t
}
