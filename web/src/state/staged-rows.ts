/**
 * A long list that reaches a new value a chunk of rows per task: a live update of the sync log brings a hundred
 * or more new rows during a sync, and rendering them all in the task that delivered them blocked the main
 * thread for over 50 ms. Rows already shown stay the same objects, so a keyed <For> keeps their DOM.
 * @module
 */
import { createEffect, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js'

/**
 * One step from `shown` towards `target` adding at most `chunk` rows; returns `target` itself once nothing is
 * left to stage. Newer rows arrive at the top: they are inserted oldest first, just above what is shown. Any
 * other change (a filter, the first load) grows `target` from its top, a chunk at a time.
 */
export function stageTowards<T>(shown: readonly T[], target: readonly T[], chunk: number): readonly T[] {
  if (target.length <= chunk) return target
  const j = shown.length === 0 ? -1 : target.indexOf(shown[0]!)
  if (j === -1) return target.slice(0, chunk)
  if (j > chunk) return [...target.slice(j - chunk, j), ...shown].slice(0, target.length)
  if (j === 0 && shown.length + chunk < target.length && shown.every((r, i) => r === target[i]))
    return target.slice(0, shown.length + chunk)
  return target
}

/** `source`, staged: each further chunk lands in a task of its own. */
export function createStaged<T>(source: Accessor<readonly T[] | undefined>, chunk: number): Accessor<readonly T[]> {
  const [shown, setShown] = createSignal<readonly T[]>([])
  let timer: ReturnType<typeof setTimeout> | undefined
  const step = () => {
    timer = undefined
    const target = untrack(source) ?? []
    const next = stageTowards(untrack(shown), target, chunk)
    setShown(() => next)
    if (next !== target) timer = setTimeout(step, 0)
  }
  createEffect(
    on(source, () => {
      if (timer === undefined) step()
    }),
  )
  onCleanup(() => clearTimeout(timer))
  return shown
}
