/**
 * The safety poll: pulls on the core's schedule (`nextPollInMs`) instead of a fixed interval. While webhook notices
 * arrive it runs every `safetyPollHours`; without them every `pullIntervalMinutes`, stretching while pulls find
 * nothing. Each run is the engine's Sync Now, so it queues behind any run in progress.
 * @module
 */
import { afterPull, nextPollInMs, type PollState } from '../core/index.ts'
import type { SyncNowResult } from '../engine.ts'
import type { Timers } from '../engine.ts'
import type { Result } from '#shared/result.ts'

export interface PollLoopDeps {
  syncNow(): Promise<Result<SyncNowResult, unknown>>
  settings(): Promise<{ pullIntervalMinutes: number; safetyPollHours: number }>
  now(): number
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>
  online(): boolean
}

export class PollLoop {
  #deps: PollLoopDeps
  #state: PollState = { quietPulls: 0 }
  #handle: unknown
  #running = false

  constructor(deps: PollLoopDeps) {
    this.#deps = deps
  }

  /** A webhook notice arrived: webhooks are working, so the poll becomes a safety net. */
  noticed(): void {
    this.#state = { ...this.#state, lastNoticeAt: this.#deps.now(), quietPulls: 0 }
    if (this.#running) void this.#schedule()
  }

  /** After a run this loop did not start (the first run, an edit's push): its finds count too. */
  ran(result: Result<SyncNowResult, unknown>): void {
    if (result.ok) this.#state = afterPull(this.#state, result.value.pull?.changed ?? 0)
  }

  start(): void {
    this.#running = true
    void this.#schedule()
  }

  stop(): void {
    this.#running = false
    this.#deps.timers.clearTimeout(this.#handle)
  }

  async #schedule(): Promise<void> {
    this.#deps.timers.clearTimeout(this.#handle)
    const settings = await this.#deps.settings()
    const wait = nextPollInMs(this.#state, this.#deps.now(), settings)
    this.#handle = this.#deps.timers.setTimeout(() => void this.#tick(), wait)
  }

  async #tick(): Promise<void> {
    if (!this.#running) return
    if (this.#deps.online()) this.ran(await this.#deps.syncNow())
    if (this.#running) await this.#schedule()
  }
}
