/**
 * Runs the sync schedule while the app is open: checks at least once a minute whether a send is due (so a changed
 * schedule, a clock change or a tablet waking from sleep is noticed within a minute) and sends then. The last send
 * is the newest run row of the sync log: a time missed while the app was closed is due at once when it opens.
 * @module
 */
import type { Clock, LocalStore } from './ports.ts'
import type { RunSummary } from './runner/index.ts'
import { nextScheduledRun, SENT_RUN_LABEL } from './schedule.ts'

const CHECK_MS = 60_000

export interface ScheduledSyncDeps {
  store: Pick<LocalStore, 'settings' | 'readLog' | 'log'>
  /** The scheduled send; resolves once it is done. */
  run(): Promise<unknown>
  online(): boolean
  clock: Pick<Clock, 'now'>
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
}

/** When Sync Now or the schedule last sent (ms): the newest run row in the log. */
export async function lastSent(store: Pick<LocalStore, 'readLog'>): Promise<number | undefined> {
  const log = await store.readLog()
  for (let i = log.length - 1; i >= 0; i--) {
    const row = log[i]!
    if (row.label === SENT_RUN_LABEL && row.kind === undefined) return Date.parse(row.at)
  }
  return undefined
}

export class ScheduledSync {
  #deps: ScheduledSyncDeps
  #handle: unknown
  #running = false
  #last: number | undefined
  #lastKnown = false

  constructor(deps: ScheduledSyncDeps) {
    this.#deps = deps
  }

  /**
   * A send happened (Sync Now, an export, the schedule): the next is counted from it, and, when the schedule is
   * not automatic, the log says when it ran and what it sent.
   */
  async sent(why: string, summary: RunSummary): Promise<void> {
    const now = this.#deps.clock.now()
    this.#last = now
    this.#lastKnown = true
    const { schedule } = await this.#deps.store.settings()
    if (schedule.mode === 'automatic') return
    const details = `${why}: ${summary.synced} sent, ${summary.failed} failed, ${summary.skipped} waiting.`
    const at = new Date(now).toISOString()
    await this.#deps.store.log([{ at, label: SENT_RUN_LABEL, direction: 'push', status: 'info', details }])
  }

  /** When the schedule last sent and sends next (ms); `next` is absent when it does not send by itself. */
  async times(): Promise<{ last?: number; next?: number }> {
    const last = await this.#lastRun()
    const next = await this.#next()
    return { ...(last === undefined ? {} : { last }), ...(next === undefined ? {} : { next }) }
  }

  start(): void {
    this.stop()
    this.#running = true
    void this.#tick()
  }

  stop(): void {
    this.#running = false
    this.#deps.timers.clearTimeout(this.#handle)
  }

  async #next(): Promise<number | undefined> {
    const { schedule } = await this.#deps.store.settings()
    return nextScheduledRun(schedule, await this.#lastRun(), this.#deps.clock.now())
  }

  async #lastRun(): Promise<number | undefined> {
    if (!this.#lastKnown) {
      const found = await lastSent(this.#deps.store)
      // A send made while the log was read is newer than what the log said.
      if (!this.#lastKnown) this.#last = found
      this.#lastKnown = true
    }
    return this.#last
  }

  async #tick(): Promise<void> {
    if (!this.#running) return
    const due = await this.#next()
    if (due !== undefined && due <= this.#deps.clock.now() && this.#deps.online()) await this.#deps.run()
    if (!this.#running) return
    const again = await this.#next()
    const left = again === undefined ? CHECK_MS : again - this.#deps.clock.now()
    // Still due (offline, or the send did not happen): look again in a minute; coming online starts it again.
    const wait = left <= 0 ? CHECK_MS : Math.min(CHECK_MS, left)
    this.#deps.timers.clearTimeout(this.#handle)
    this.#handle = this.#deps.timers.setTimeout(() => void this.#tick(), wait)
  }
}
