/**
 * When a live query re-runs: at once after a quiet spell, then at most once per `gapMs` while changes keep
 * coming (a sync commits many times a second), never two runs at a time, and always once more after the last
 * change so the final state is shown.
 */
export type Timers = {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

export type Rerun = {
  /** Something the query may read changed. */
  changed(): void
  /** Stop: no run starts after this. */
  dispose(): void
}

/** `run` resolves when the query's result has been delivered. */
export function createRerun(run: () => Promise<void>, gapMs: number, timers: Timers = realTimers): Rerun {
  let inFlight = false
  let dirty = false
  let timer: unknown
  let lastStart = -Infinity
  let disposed = false
  const start = () => {
    timer = undefined
    if (disposed) return
    dirty = false
    inFlight = true
    lastStart = timers.now()
    void run().finally(() => {
      inFlight = false
      if (dirty) schedule()
    })
  }
  const schedule = () => {
    if (disposed || inFlight || timer !== undefined) return
    // Even "at once" waits for the next task, so changes announced in the same task share one run.
    timer = timers.setTimeout(start, Math.max(0, lastStart + gapMs - timers.now()))
  }
  return {
    changed() {
      dirty = true
      schedule()
    },
    dispose() {
      disposed = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
    },
  }
}
