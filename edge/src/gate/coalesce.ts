/**
 * Identical QuickBooks reads of different devices share one call. A read joins another of the same path and
 * query that is still in flight, or that answered less than `windowMs` ago; each caller gets its own copy of
 * the answer. Five devices pulling the same CDC window or reading the same record cost one metered read, not
 * five. A device's own repeated read is never answered from itself: it asked again on purpose (a retry).
 * Only successful answers are kept after they arrive, and any write through the gate forgets them all, so a
 * read made after a write never gets an answer from before it.
 */

interface Entry<T> {
  answer: Promise<T>
  /** Until when a finished answer may still be shared; Infinity while in flight. */
  until: number
  /** Who has this answer already. */
  who: Set<string>
}

export const COALESCE_WINDOW_MS = 1000

export class ReadCoalescer<T> {
  #entries = new Map<string, Entry<T>>()
  #windowMs: number
  #now: () => number
  #keep: (answer: T) => boolean

  /** `keep` says whether a finished answer may be shared (a failure or refusal is not). */
  constructor(opts: { windowMs?: number; now?: () => number; keep: (answer: T) => boolean }) {
    this.#windowMs = opts.windowMs ?? COALESCE_WINDOW_MS
    this.#now = opts.now ?? Date.now
    this.#keep = opts.keep
  }

  /** The answer of `read` for `key`, sent once for every caller (`who`) that asks within the window. */
  share(key: string, who: string, read: () => Promise<T>): Promise<T> {
    const now = this.#now()
    for (const [k, e] of this.#entries) if (e.until < now) this.#entries.delete(k)
    const hit = this.#entries.get(key)
    if (hit && !hit.who.has(who)) {
      hit.who.add(who)
      return hit.answer.then(copy)
    }
    const entry: Entry<T> = { answer: read(), until: Infinity, who: new Set([who]) }
    this.#entries.set(key, entry)
    entry.answer.then(
      (answer) => {
        if (this.#entries.get(key) !== entry) return
        if (this.#keep(answer)) entry.until = this.#now() + this.#windowMs
        else this.#entries.delete(key)
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key)
      },
    )
    return entry.answer.then(copy)
  }

  /** A write went through: no later read may share an answer read before it. */
  forget(): void {
    this.#entries.clear()
  }

  /** Calls in flight or kept (observability and tests). */
  get size(): number {
    return this.#entries.size
  }
}

const copy = <T>(answer: T): T => structuredClone(answer)
