/**
 * The engine the worker exposes: one run at a time (a second Sync Now joins the run in progress), auto-sync
 * debounced after edits, pulls every pull interval and whenever `/api/session` reports a webhook change. Nothing is
 * pushed or pulled for a company until the user has reviewed and run its initial sync (matching first is what keeps
 * a contact that QuickBooks already has from being created twice). Every
 * method answers a Result with plain data (counts, ids, labels), never records, so it crosses comlink cheaply.
 * Timers and the session call are passed in, so tests drive them.
 * @module
 */
import { MAX_CHANGES_LISTED, type SessionResponse } from '#shared/api/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { scopeOfNotice, undecidedSettlements, type PullScope, type SyncFault } from './core/index.ts'
import { applyNumbering, previewNumbering, type NumberingPreview } from './invoice-numbers.ts'
import {
  previewInitialSync,
  runInitialSync,
  type InitialPreview,
  type InitialSyncSession,
  type MatchDecision,
} from './initial-sync.ts'
import type { Clock, LocalStore, OnProgress, QboGateway, Random } from './ports.ts'
import { heldPaymentChoices, linkHeldPayment, type HeldPaymentLink, type QboPaymentChoice } from './held-payments.ts'
import { linkExisting, type LinkTarget, type Linked } from './link-existing.ts'
import { pullChanges, type PullSummary } from './pull.ts'
import { push } from './push.ts'
import { realmScoped } from './adapters/realm-scope.ts'
import type { RunSummary } from './runner/index.ts'
import { readUsualAccounts, type UsualAccounts } from './usual-accounts.ts'

export type EngineError = {
  kind: 'not_connected' | 'needs_reconnect' | 'needs_initial_sync' | 'no_preview' | 'fault'
  message: string
  fault?: SyncFault
}
export type SyncNowResult = { push: RunSummary; pull: PullSummary | null }
export type PreviewView = Omit<InitialPreview, 'plan'> & {
  batches: number
  /** Invoice numbers: whether QuickBooks numbers them itself, and what will be renumbered. */
  numbering: Pick<NumberingPreview, 'renumbered' | 'summary'> & { quickBooksNumbers: boolean }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface EngineDeps {
  store: LocalStore
  gatewayFor(realmId: string): QboGateway
  session(changesSince: number): Promise<SessionResponse | undefined>
  clock: Clock
  random: Random
  timers: Timers
  /** Auto-sync's pause after the last edit before pushing. */
  debounceMs?: number
  /** How often to ask the edge whether a webhook reported a change. */
  sessionPollMs?: number
}

export class SyncEngine {
  #deps: EngineDeps
  #running: Promise<unknown> = Promise.resolve()
  #preview: InitialSyncSession | undefined
  #numberingPreview: NumberingPreview | undefined
  #debounce: unknown
  #retry: unknown
  #intervals: unknown[] = []
  #online = true
  #changesSeq = 0
  #listeners = new Set<OnProgress>()
  /** QuickBooks' usual accounts by company, read once: what a push uses where the settings choose none. */
  #usual = new Map<string, UsualAccounts>()

  constructor(deps: EngineDeps) {
    this.#deps = deps
  }

  /** Progress of whatever run is going, for every page that listens. */
  onProgress(listener: OnProgress): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit: OnProgress = (p) => {
    for (const l of this.#listeners) l(p)
  }

  /**
   * Runs one job after the one in progress; a failure of one never blocks the next. A job that throws (a bug, or
   * IndexedDB refusing a write) still answers a Result: comlink would turn the throw into a bare rejection.
   */
  #serial<T>(job: () => Promise<Result<T, EngineError>>): Promise<Result<T, EngineError>> {
    const guarded = async (): Promise<Result<T, EngineError>> => {
      try {
        return await job()
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        return err({
          kind: 'fault',
          message: `Sync stopped unexpectedly (${why}). Nothing is lost: changes stay queued; try Sync Now again.`,
        })
      }
    }
    const next = this.#running.then(guarded, guarded)
    this.#running = next
    return next
  }

  async #connected(): Promise<Result<{ realmId: string; gateway: QboGateway }, EngineError>> {
    const s = await this.#deps.session(this.#changesSeq)
    if (!s) return err({ kind: 'fault', message: 'Fieldsync could not reach its server. Changes stay queued.' })
    if (!s.connected)
      return err({
        kind: s.needsReconnect ? 'needs_reconnect' : 'not_connected',
        message: 'Connect QuickBooks in Settings to sync.',
      })
    if (s.needsReconnect)
      return err({ kind: 'needs_reconnect', message: 'Reconnect QuickBooks in Settings; nothing is lost meanwhile.' })
    return ok({ realmId: s.realmId, gateway: this.#deps.gatewayFor(s.realmId) })
  }

  #runnerDeps(realmId: string, gateway: QboGateway) {
    const { clock, random } = this.#deps
    return { store: realmScoped(this.#deps.store, realmId), gateway, clock, random, realmId, onProgress: this.#emit }
  }

  async #usualAccounts(realmId: string, gateway: QboGateway): Promise<UsualAccounts | undefined> {
    const known = this.#usual.get(realmId)
    if (known) return known
    const r = await readUsualAccounts(gateway)
    // Unread (offline, a fault): the push goes without, and a record needing an account says which one.
    if (r.ok) this.#usual.set(realmId, r.value)
    return r.ok ? r.value : undefined
  }

  /** Pushes and pulls wait for the initial sync with this very company. */
  async #initialSyncDone(realmId: string): Promise<Result<true, EngineError>> {
    const s = await this.#deps.store.settings()
    if (s.cdcCheckpoint && s.syncedRealmId === realmId) return ok(true)
    const message = s.syncedRealmId
      ? 'This tablet last synced with another QuickBooks company. ' +
        'Review the first sync with this one before anything is sent; changes stay queued.'
      : 'Review the first sync before anything is sent to QuickBooks: it shows what will be linked and created. ' +
        'Changes stay queued.'
    return err({ kind: 'needs_initial_sync', message })
  }

  preview(): Promise<Result<PreviewView, EngineError>> {
    return this.#serial(async () => {
      const c = await this.#connected()
      if (!c.ok) return c
      const r = await previewInitialSync(this.#runnerDeps(c.value.realmId, c.value.gateway))
      if (!r.ok) return err({ kind: 'fault', message: r.error.userMessage, fault: r.error })
      // The company's numbering is read afresh at every preview: it is what the renumbering is decided from.
      const n = await previewNumbering(c.value.gateway, r.value.snap)
      if (!n.ok) return err({ kind: 'fault', message: n.error.userMessage, fault: n.error })
      this.#preview = r.value
      this.#numberingPreview = n.value
      const { plan, ...rest } = r.value.preview
      const numbering = {
        renumbered: n.value.renumbered,
        summary: n.value.summary,
        quickBooksNumbers: !n.value.numbering.customTxnNumbers,
      }
      return ok({ ...rest, batches: plan.batches.length, numbering })
    })
  }

  runInitial(decisions: MatchDecision[]): Promise<Result<RunSummary, EngineError>> {
    return this.#serial<RunSummary>(async () => {
      const session = this.#preview
      if (!session) return err({ kind: 'no_preview', message: 'Show the preview first.' })
      const c = await this.#connected()
      if (!c.ok) return c
      const deps = this.#runnerDeps(c.value.realmId, c.value.gateway)
      const at = new Date(this.#deps.clock.now()).toISOString()
      if (this.#numberingPreview) await applyNumbering(deps.store, this.#numberingPreview, at)
      this.#numberingPreview = undefined
      const summary = await runInitialSync(session, decisions, deps)
      await this.#holdUndecided(session, decisions, deps.store)
      // The checkpoint is QuickBooks' time of the preview's read (runInitialSync set it), never this device's clock.
      this.#preview = undefined
      this.#emit({ phase: 'done', done: 1, total: 1 })
      return stopped(summary) ?? ok(summary)
    })
  }

  /** "Decide later" holds: the records left undecided keep the question on their rows and are not sent. */
  async #holdUndecided(session: InitialSyncSession, answered: MatchDecision[], store: LocalStore): Promise<void> {
    if (session.preview.decisions.length === 0) return
    const { outbox } = await store.snapshot()
    const at = new Date(this.#deps.clock.now()).toISOString()
    const held = undecidedSettlements(session.preview.decisions, answered, outbox, at)
    if (held.length > 0) await store.settle(held)
  }

  /** Push what is queued, then pull what changed in QuickBooks (only what `scope` names, for a webhook notice). */
  syncNow(scope?: PullScope): Promise<Result<SyncNowResult, EngineError>> {
    return this.#serial<SyncNowResult>(async () => {
      const c = await this.#connected()
      if (!c.ok) return c
      const ready = await this.#initialSyncDone(c.value.realmId)
      if (!ready.ok) return ready
      const deps = this.#runnerDeps(c.value.realmId, c.value.gateway)
      const { summary } = await push(deps, {
        usualAccounts: () => this.#usualAccounts(c.value.realmId, c.value.gateway),
      })
      this.#retryAt(summary)
      const halt = stopped(summary)
      if (halt) return halt
      const pulled = await pullChanges(deps, scope)
      this.#emit({ phase: 'done', done: 1, total: 1 })
      return ok({ push: summary, pull: pulled.ok ? pulled.value : null })
    })
  }

  /**
   * A row left waiting for a time (a throttle, a temporary fault) goes again at that time, not at the next pull
   * interval: one 429 costs seconds.
   */
  #retryAt(summary: RunSummary): void {
    if (summary.retryAt === undefined) return
    const t = this.#deps.timers
    t.clearTimeout(this.#retry)
    const wait = Math.max(0, summary.retryAt - this.#deps.clock.now())
    this.#retry = t.setTimeout(() => {
      if (this.#online) void this.syncNow()
    }, wait)
  }

  /** "Link" on a duplicate-name row: adopt the QuickBooks record that has the name (reactivating it if inactive). */
  link(target: LinkTarget): Promise<Result<Linked, EngineError>> {
    return this.#serial(async () => {
      const c = await this.#connected()
      if (!c.ok) return c
      const r = await linkExisting(this.#runnerDeps(c.value.realmId, c.value.gateway), target)
      return r.ok ? r : err({ kind: 'fault', message: r.error.userMessage, fault: r.error })
    })
  }

  /** A payment held as unverified: the customer's QuickBooks payments it may be, for the user to pick from. */
  heldPaymentChoices(localId: string): Promise<Result<QboPaymentChoice[], EngineError>> {
    return this.#serial(async () => {
      const c = await this.#connected()
      if (!c.ok) return c
      return faultAsError(await heldPaymentChoices(this.#runnerDeps(c.value.realmId, c.value.gateway), localId))
    })
  }

  /** "It is in QuickBooks — link it": the held payment is that QuickBooks payment; nothing is sent for it. */
  linkHeldPayment(target: HeldPaymentLink): Promise<Result<{ qboId: string }, EngineError>> {
    return this.#serial(async () => {
      const c = await this.#connected()
      if (!c.ok) return c
      return faultAsError(await linkHeldPayment(this.#runnerDeps(c.value.realmId, c.value.gateway), target))
    })
  }

  /** A local edit happened: with auto-sync on and online, push it after a quiet second. */
  edited(autoSync: boolean): void {
    if (!autoSync || !this.#online) return
    this.#deps.timers.clearTimeout(this.#debounce)
    this.#debounce = this.#deps.timers.setTimeout(() => void this.syncNow(), this.#deps.debounceMs ?? 1000)
  }

  setOnline(online: boolean): void {
    const back = online && !this.#online
    this.#online = online
    if (back) void this.syncNow()
  }

  /**
   * Sync at once — a push cut short by a reload or a closed tab resumes here, and what changed in QuickBooks while
   * the app was closed comes down — then pull every `pullIntervalMinutes`, and as soon as the edge says a webhook
   * reported a change. The first run's answer goes to the page (it says when the initial sync is still to do).
   */
  start(pullIntervalMinutes: number): Promise<Result<SyncNowResult, EngineError>> {
    this.stop()
    const t = this.#deps.timers
    this.#intervals.push(
      t.setInterval(() => {
        if (this.#online) void this.syncNow()
      }, pullIntervalMinutes * 60_000),
    )
    this.#intervals.push(t.setInterval(() => void this.checkWebhooks(), this.#deps.sessionPollMs ?? 5000))
    if (!this.#online)
      return Promise.resolve(
        err({ kind: 'fault', message: 'Offline: changes stay queued and go out when the connection is back.' }),
      )
    return this.syncNow()
  }

  stop(): void {
    this.#deps.timers.clearTimeout(this.#retry)
    for (const h of this.#intervals) this.#deps.timers.clearInterval(h)
    this.#intervals = []
  }

  /** One poll of the session's webhook changes; syncs when there is one not seen yet. */
  async checkWebhooks(): Promise<void> {
    if (!this.#online) return
    const s = await this.#deps.session(this.#changesSeq)
    if (!s?.connected) return
    const changed = s.changes.changed && s.changes.seq > this.#changesSeq
    this.#changesSeq = s.changes.seq
    if (!changed) return
    // The session lists at most 200 changes: a full list may have lost some, so then everything is pulled.
    const listed = s.changes.entities
    if (listed.length >= MAX_CHANGES_LISTED) return void (await this.syncNow())
    // A notice that names nothing the app keeps costs no read.
    const scope = scopeOfNotice(listed)
    if (scope) await this.syncNow(scope)
  }
}

function faultAsError<T>(r: Result<T, SyncFault>): Result<T, EngineError> {
  return r.ok ? r : err({ kind: 'fault', message: r.error.userMessage, fault: r.error })
}

function stopped(summary: RunSummary): Result<never, EngineError> | undefined {
  if (!summary.stoppedBy) return undefined
  return err({ kind: 'needs_reconnect', message: summary.stoppedBy.userMessage, fault: summary.stoppedBy })
}
