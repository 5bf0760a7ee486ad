/**
 * The engine the worker exposes: one run at a time (a second Sync Now joins the run in progress). Pulls run every
 * pull interval and whenever the change feed names records another device or Intuit's webhook changed
 * (`pullNotice`; the feed is web/src/sync/feed); they send what is queued only when the
 * schedule is automatic (then also after a quiet second after each edit). Otherwise Sync Now and the schedule's
 * time send. Nothing is pushed or pulled for a company until its initial sync was reviewed and run. Every method
 * answers a Result of plain data, never records, so it crosses comlink cheaply. Timers are passed in for tests.
 * @module
 */
import { err, ok, type Result } from '#shared/result.ts'
import { scopeOfNotice, undecidedSettlements, type NoticeChange, type PullScope } from './core/index.ts'
import { applyNumbering, previewNumbering, type NumberingPreview } from './invoice-numbers.ts'
import { previewInitialSync, runInitialSync, type InitialSyncSession, type MatchDecision } from './initial-sync.ts'
import type { LocalStore, OnProgress, QboGateway } from './ports.ts'
import { heldPaymentChoices, linkHeldPayment, type HeldPaymentLink, type QboPaymentChoice } from './held-payments.ts'
import { linkExisting, type LinkTarget, type Linked } from './link-existing.ts'
import { pullChanges } from './pull.ts'
import { push } from './push.ts'
import { realmScoped } from './adapters/realm-scope.ts'
import type { RunnerDeps, RunSummary } from './runner/index.ts'
import { importFromQuickBooks, type ImportKind, type ImportSummary } from './import-records.ts'
import { exportBatch, onlyResumed, waitingForExport, type ExportPick, type WaitingExport } from './export-batch.ts'
import { connectedTo, faultAsError, guarded, initialSyncDone, stopped } from './engine-types.ts'
import type { EngineDeps, EngineError, PreviewView, SyncNowResult } from './engine-types.ts'
import { UsualAccountsCache } from './usual-accounts.ts'
import { ScheduledSync } from './scheduled-sync.ts'

export type { EngineDeps, EngineError, PreviewView, SyncNowResult, Timers } from './engine-types.ts'

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
  #usual = new UsualAccountsCache()
  #started = false
  #schedule: ScheduledSync

  constructor(deps: EngineDeps) {
    this.#deps = deps
    this.#schedule = new ScheduledSync({
      store: deps.store,
      run: () => this.#run(undefined, 'Scheduled sync'),
      online: () => this.#online,
      clock: deps.clock,
      timers: deps.timers,
    })
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
    const next = this.#running.then(guarded(job), guarded(job))
    this.#running = next
    return next
  }

  #runnerDeps(realmId: string, gateway: QboGateway) {
    const { clock, random } = this.#deps
    return { store: realmScoped(this.#deps.store, realmId), gateway, clock, random, realmId, onProgress: this.#emit }
  }

  preview(): Promise<Result<PreviewView, EngineError>> {
    return this.#withCompany(async (deps, _realmId, gateway) => {
      const r = await previewInitialSync(deps)
      if (!r.ok) return faultAsError(r)
      // The company's numbering is read afresh at every preview: it is what the renumbering is decided from.
      const n = await previewNumbering(gateway, r.value.snap)
      if (!n.ok) return faultAsError(n)
      await this.#deps.store.setQuickBooksNumbers(!n.value.numbering.customTxnNumbers)
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
      const c = await connectedTo(this.#deps, this.#changesSeq)
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

  /** When Sync Now or the schedule last sent, and when the schedule sends next (ms; absent when it does not). */
  scheduleTimes(): Promise<{ last?: number; next?: number }> {
    return this.#schedule.times()
  }

  /** Sync Now: push what is queued, then pull what changed in QuickBooks (only what `scope` names). */
  syncNow(scope?: PullScope): Promise<Result<SyncNowResult, EngineError>> {
    return this.#run(scope, 'Sync Now')
  }

  /**
   * A sync nobody asked for (the poll, a webhook, start, coming online): it sends only when the schedule is
   * automatic; otherwise it only pulls, and what is queued waits for Sync Now or the schedule's time.
   */
  autoSync(scope?: PullScope): Promise<Result<SyncNowResult, EngineError>> {
    return this.#run(scope, 'if automatic')
  }

  /**
   * `why` names a send (Sync Now, the schedule; `auto` for an automatic one; `if automatic` asks the schedule, in
   * turn with the other jobs); without one the run only pulls.
   */
  #run(scope: PullScope | undefined, asked: string | undefined): Promise<Result<SyncNowResult, EngineError>> {
    return this.#withCompany<SyncNowResult>(async (deps, realmId, gateway) => {
      const auto = asked === 'if automatic' && (await deps.store.settings()).schedule.mode === 'automatic'
      const why = asked === 'if automatic' ? (auto ? 'auto' : undefined) : asked
      const usualAccounts = () => this.#usual.get(realmId, gateway)
      // Not a send: only what a reload cut short is finished.
      const only = why === undefined ? { only: onlyResumed } : {}
      const { summary } = await push(deps, { usualAccounts, ...only })
      if (why !== undefined && why !== 'auto') await this.#schedule.sent(why, summary)
      this.#retryAt(summary)
      const halt = stopped(summary)
      if (halt) return halt
      const pulled = await pullChanges(deps, scope)
      this.#emit({ phase: 'done', done: 1, total: 1 })
      return ok({ push: summary, pull: pulled.ok ? pulled.value : null })
    }, true)
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
    // The rest of a send already made: it goes even when the schedule is not automatic.
    this.#retry = t.setTimeout(() => {
      if (this.#online) void this.#run(undefined, 'auto')
    }, wait)
  }

  /** One job against the connected company, with the runner's ports; `synced` also waits for the initial sync. */
  #withCompany<T>(
    job: (deps: RunnerDeps, realmId: string, gateway: QboGateway) => Promise<Result<T, EngineError>>,
    synced = false,
  ): Promise<Result<T, EngineError>> {
    return this.#serial(async () => {
      const c = await connectedTo(this.#deps, this.#changesSeq)
      if (!c.ok) return c
      const ready = synced ? await initialSyncDone(this.#deps.store, c.value.realmId) : ok(true)
      if (!ready.ok) return ready
      return job(this.#runnerDeps(c.value.realmId, c.value.gateway), c.value.realmId, c.value.gateway)
    })
  }

  /** "Link" on a duplicate-name row: adopt the QuickBooks record that has the name (reactivating it if inactive). */
  link(target: LinkTarget): Promise<Result<Linked, EngineError>> {
    return this.#withCompany(async (deps) => faultAsError(await linkExisting(deps, target)))
  }

  /** A payment held as unverified: the customer's QuickBooks payments it may be, for the user to pick from. */
  heldPaymentChoices(localId: string): Promise<Result<QboPaymentChoice[], EngineError>> {
    return this.#withCompany(async (deps) => faultAsError(await heldPaymentChoices(deps, localId)))
  }

  /** "It is in QuickBooks — link it": the held payment is that QuickBooks payment; nothing is sent for it. */
  linkHeldPayment(target: HeldPaymentLink): Promise<Result<{ qboId: string }, EngineError>> {
    return this.#withCompany(async (deps) => faultAsError(await linkHeldPayment(deps, target)))
  }

  /** "Import customers" / "Import items": QuickBooks' active ones come down (before the initial sync too). */
  importRecords(kind: ImportKind): Promise<Result<ImportSummary, EngineError>> {
    return this.#withCompany(async (deps) => faultAsError(await importFromQuickBooks(deps, kind)))
  }

  /** Manual export: the invoices and payments waiting for approval (a local read; no connection needed). */
  async waitingForExport(): Promise<WaitingExport[]> {
    return waitingForExport(await this.#deps.store.snapshot(), this.#deps.clock.now())
  }

  /** Sends the picked invoices and payments, with the contacts and items they need, as one batch. */
  exportNow(picks: ExportPick[]): Promise<Result<RunSummary, EngineError>> {
    return this.#withCompany(async (deps, realmId, gateway) => {
      const summary = await exportBatch(deps, picks, { usualAccounts: () => this.#usual.get(realmId, gateway) })
      this.#emit({ phase: 'done', done: 1, total: 1 })
      return stopped(summary) ?? ok(summary)
    }, true)
  }

  /** A local edit happened: with an automatic schedule and online, push it after a quiet second. */
  async edited(): Promise<void> {
    if (!this.#online) return
    const { schedule } = await this.#deps.store.settings()
    if (schedule.mode !== 'automatic') return
    this.#deps.timers.clearTimeout(this.#debounce)
    const send = () => void this.#run(undefined, 'auto')
    this.#debounce = this.#deps.timers.setTimeout(send, this.#deps.debounceMs ?? 1000)
  }

  setOnline(online: boolean): void {
    const back = online && !this.#online
    this.#online = online
    if (!back) return
    void this.autoSync()
    // A scheduled time that passed offline is due now.
    if (this.#started) this.#schedule.start()
  }

  /**
   * Sync at once — a push cut short by a reload or a closed tab resumes here, and what changed in QuickBooks while
   * the app was closed comes down — then pull every `pullIntervalMinutes`; the change feed calls `pullNotice` in
   * between. The first run's answer goes to the page (it says when the initial sync is still to do).
   */
  start(pullIntervalMinutes: number): Promise<Result<SyncNowResult, EngineError>> {
    this.stop()
    const t = this.#deps.timers
    this.#intervals.push(
      t.setInterval(() => {
        if (this.#online) void this.autoSync()
      }, pullIntervalMinutes * 60_000),
    )
    this.#started = true
    this.#schedule.start()
    if (!this.#online)
      return Promise.resolve(
        err({ kind: 'fault', message: 'Offline: changes stay queued and go out when the connection is back.' }),
      )
    return this.autoSync()
  }

  stop(): void {
    this.#started = false
    this.#schedule.stop()
    this.#deps.timers.clearTimeout(this.#retry)
    for (const h of this.#intervals) this.#deps.timers.clearInterval(h)
    this.#intervals = []
  }

  /** A change-feed notice: pull just the records it names (nothing when it names nothing the app keeps). */
  async pullNotice(changes: readonly NoticeChange[]): Promise<void> {
    if (!this.#online) return
    const scope = scopeOfNotice(changes)
    if (scope) await this.autoSync(scope)
  }
}
