/**
 * The page's mirror of the sync worker: progress events into a Solid store, and the actions (Sync Now, preview,
 * run). The QuickBooks session is server state, read through `session.ts`. Thin on purpose: decisions live in
 * the worker.
 * One instance per tab, created on first use, so the header and every page share it.
 */
import { createStore } from 'solid-js/store'
import type { Result } from '#shared/result.ts'
import { subscribeProgress, syncWorker } from '../sync/worker/client.ts'
import type { EngineError, PreviewView, SyncNowResult } from '../sync/engine.ts'
import type { HeldPaymentLink, QboPaymentChoice } from '../sync/held-payments.ts'
import type { MatchDecision } from '../sync/initial-sync.ts'
import type { ExportPick, WaitingExport } from '../sync/export-batch.ts'
import type { ImportKind, ImportSummary } from '../sync/import-records.ts'
import type { LinkTarget, Linked } from '../sync/link-existing.ts'
import type { Progress } from '../sync/ports.ts'
import type { RunSummary } from '../sync/runner/index.ts'

export type SyncState = {
  running: boolean
  progress: Progress | undefined
  error: EngineError | undefined
  preview: PreviewView | undefined
  lastRun: RunSummary | undefined
}

export type SyncStatus = ReturnType<typeof makeSyncStatus>

function makeSyncStatus() {
  const [state, set] = createStore<SyncState>({
    running: false,
    progress: undefined,
    error: undefined,
    preview: undefined,
    lastRun: undefined,
  })
  let subscribed = false
  const worker = () => {
    if (!subscribed) {
      subscribed = true
      subscribeProgress((p) => set('progress', p))
    }
    return syncWorker()
  }
  async function track<T>(job: () => Promise<Result<T, EngineError>>): Promise<Result<T, EngineError>> {
    set({ running: true, error: undefined })
    try {
      const r = await job()
      if (!r.ok) set('error', r.error)
      return r
    } finally {
      set('running', false)
    }
  }
  return {
    state,
    syncNow: () => track<SyncNowResult>(() => worker().syncNow()),
    async preview() {
      const r = await track<PreviewView>(() => worker().preview())
      if (r.ok) set('preview', r.value)
      return r
    },
    async runInitial(decisions: MatchDecision[]) {
      const r = await track<RunSummary>(() => worker().runInitial(decisions))
      if (r.ok) set({ lastRun: r.value, preview: undefined })
      return r
    },
    /**
     * "Link" on a duplicate-name refusal: the worker ties the record to the QuickBooks record holding the name.
     * A refusal here (already linked, still being sent) is the answer to this one click, not the sync's state,
     * so it is returned to the caller and not shown as the engine's error.
     */
    async link(target: LinkTarget): Promise<Result<Linked, EngineError>> {
      set('running', true)
      try {
        return await worker().link(target)
      } finally {
        set('running', false)
      }
    },
    /** A held payment's QuickBooks candidates; like `link`, the answer is the caller's, not the sync's state. */
    heldPaymentChoices: (localId: string): Promise<Result<QboPaymentChoice[], EngineError>> =>
      worker().heldPaymentChoices(localId),
    async linkHeldPayment(target: HeldPaymentLink): Promise<Result<{ qboId: string }, EngineError>> {
      set('running', true)
      try {
        return await worker().linkHeldPayment(target)
      } finally {
        set('running', false)
      }
    },
    /** After a reconnect: the engine's last refusal no longer applies. */
    clearError: () => set('error', undefined),
    edited: () => void worker().edited(),
    scheduleTimes: () => worker().scheduleTimes(),
    waitingForExport: (): Promise<WaitingExport[]> => worker().waitingForExport(),
    /** "Import customers" / "Import items"; the answer is the button's, like `link`. */
    importRecords: (kind: ImportKind): Promise<Result<ImportSummary, EngineError>> => worker().importRecords(kind),
    /** Sends the picked invoices and payments as one batch; its answer is also the sync's state (shown in the header). */
    exportNow: (picks: ExportPick[]) => track<RunSummary>(() => worker().exportNow(picks)),
    start: (minutes: number) => track<SyncNowResult>(() => worker().start(minutes)),
    setOnline: (online: boolean) => void worker().setOnline(online),
  }
}

let shared: SyncStatus | undefined

export function syncStatus(): SyncStatus {
  shared ??= makeSyncStatus()
  return shared
}
