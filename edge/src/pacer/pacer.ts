/**
 * Drives the pure policy for one realm inside its RealmGate: a queue of waiting callers, a timer for
 * the next moment a window slot frees, and a pump on every release. Time comes from `now`.
 *
 * Fair: waiting callers are admitted round-robin by owner (the session), so one session's burst
 * cannot starve another's. Bounded: a caller still waiting
 * `deadlineMs` after it asked is answered with a Retry-After instead, whatever the estimate said
 * (calls in flight can take long).
 */
import { err, ok, type Result } from '#shared/result.ts'
import {
  emptyPacerState,
  estimateWaitMs,
  finish,
  pause,
  schedule,
  type CallKind,
  type PacerLimits,
  type PacerState,
} from './policy.ts'
import { fairOrder } from './fair-order.ts'

/** A started call: hand `id` back to `release` when it ends. */
export interface Ticket {
  id: number
}

/** The caller would wait longer than `maxWaitMs`: it is told when to come back instead of queued. */
export interface PacerRefusal {
  kind: 'paced'
  retryAfterMs: number
  /** For the user: the realm's limit and when to try again. */
  message: string
}

export type Admission = Result<Ticket, PacerRefusal>

interface Waiter {
  id: number
  kind: CallKind
  owner: string
  admit: () => void
}

export class Pacer {
  #state: PacerState = emptyPacerState
  #queue: Waiter[] = []
  #nextId = 1
  /** When each owner last had a call admitted, by admission count: fairness looks at who waited longest. */
  #servedAt = new Map<string, number>()
  #admissions = 0
  #timer: ReturnType<typeof setTimeout> | null = null
  #timerAt = Infinity
  readonly #limits: PacerLimits
  readonly #now: () => number

  constructor(limits: PacerLimits, now: () => number) {
    this.#limits = limits
    this.#now = now
  }

  /** Resolves when the call may start, or at once with a Retry-After when the wait would be too long. */
  acquire(kind: CallKind, owner = ''): Promise<Admission> {
    const wait = estimateWaitMs(this.#state, this.#limits, this.#now(), this.#queue, kind)
    if (wait > this.#limits.maxWaitMs) return Promise.resolve(err(this.#refusal(Math.ceil(wait))))
    const id = this.#nextId++
    const admitted = new Promise<Admission>((resolve) => {
      const expire = () => {
        this.#queue = this.#queue.filter((w) => w.id !== id)
        resolve(err(this.#refusal(this.#limits.windowMs)))
      }
      const deadline = setTimeout(expire, this.#limits.deadlineMs)
      const admit = () => {
        clearTimeout(deadline)
        resolve(ok({ id }))
      }
      this.#queue.push({ id, kind, owner, admit })
    })
    this.#pump()
    return admitted
  }

  /** The call `id` got its response (or failed): it keeps counting for a window from now. */
  release(id: number): void {
    this.#state = finish(this.#state, id, this.#now())
    this.#pump()
  }

  /** The upstream answered 429 despite pacing: hold the realm briefly, longer while 429s keep coming. */
  throttled(): void {
    this.#state = pause(this.#state, this.#limits, this.#now())
  }

  get waiting(): number {
    return this.#queue.length
  }

  #refusal(retryAfterMs: number): PacerRefusal {
    retryAfterMs = Math.max(1000, retryAfterMs)
    const seconds = Math.ceil(retryAfterMs / 1000)
    const message = `QuickBooks allows this company ${this.#limits.perWindow} calls a minute; try again in ${seconds} s.`
    return { kind: 'paced', retryAfterMs, message }
  }

  #pump(): void {
    if (this.#queue.length === 0) return
    const now = this.#now()
    const r = schedule(this.#state, this.#limits, now, fairOrder(this.#queue, this.#servedAt))
    this.#state = r.state
    if (r.started.length > 0) {
      const started = new Set(r.started)
      const admit = this.#queue.filter((w) => started.has(w.id))
      this.#queue = this.#queue.filter((w) => !started.has(w.id))
      for (const w of admit) {
        // Sessions come and go: forgetting them all now and then only costs one round of fairness.
        if (this.#servedAt.size > 1000) this.#servedAt.clear()
        this.#servedAt.set(w.owner, ++this.#admissions)
        w.admit()
      }
    }
    if (r.recheckAt !== null && this.#queue.length > 0 && r.recheckAt < this.#timerAt) {
      if (this.#timer) clearTimeout(this.#timer)
      this.#timerAt = r.recheckAt
      this.#timer = setTimeout(
        () => {
          this.#timer = null
          this.#timerAt = Infinity
          this.#pump()
        },
        Math.max(1, r.recheckAt - now),
      )
    }
  }
}
