/**
 * The worker's surface as the page sees it. Every method answers a Result of plain data (comlink drops error
 * classes); progress arrives through a callback wrapped in `Comlink.proxy`.
 * @module
 */
import type { Result } from '#shared/result.ts'
import type { EngineError, PreviewView, SyncNowResult } from '../engine.ts'
import type { HeldPaymentLink, QboPaymentChoice } from '../held-payments.ts'
import type { MatchDecision } from '../initial-sync.ts'
import type { ExportPick, WaitingExport } from '../export-batch.ts'
import type { ImportKind, ImportSummary } from '../import-records.ts'
import type { LinkTarget, Linked } from '../link-existing.ts'
import type { OnProgress } from '../ports.ts'
import type { RunSummary } from '../runner/index.ts'

export interface SyncWorkerApi {
  /** Subscribes to progress events `{phase, done, total}`; returns nothing (unsubscribe by reloading the worker). */
  subscribe(onProgress: OnProgress): void
  preview(): Promise<Result<PreviewView, EngineError>>
  runInitial(decisions: MatchDecision[]): Promise<Result<RunSummary, EngineError>>
  syncNow(): Promise<Result<SyncNowResult, EngineError>>
  /** "Link" on a duplicate-name row: the record adopts the QuickBooks record named in the row (`qboId`). */
  link(target: LinkTarget): Promise<Result<Linked, EngineError>>
  /** A payment held as unverified: its customer's QuickBooks payments of that amount near that date. */
  heldPaymentChoices(localId: string): Promise<Result<QboPaymentChoice[], EngineError>>
  /** "It is in QuickBooks — link it": ties the held payment to the QuickBooks payment the user picked. */
  linkHeldPayment(target: HeldPaymentLink): Promise<Result<{ qboId: string }, EngineError>>
  /** Tell the worker a record was edited (with the automatic schedule it debounces and pushes). */
  edited(): void
  /** When Sync Now or the schedule last sent, and when the schedule sends next (ms). */
  scheduleTimes(): Promise<{ last?: number; next?: number }>
  /** Brings QuickBooks' active customers or items down: linked ones merge, the others are created here. */
  importRecords(kind: ImportKind): Promise<Result<ImportSummary, EngineError>>
  /** Manual export: the invoices and payments waiting for approval. */
  waitingForExport(): Promise<WaitingExport[]>
  /** Sends the picked invoices and payments, with the contacts and items they need, as one batch. */
  exportNow(picks: ExportPick[]): Promise<Result<RunSummary, EngineError>>
  setOnline(online: boolean): void
  /** Starts the timers and syncs at once (resuming a push a reload cut short); answers that first run. */
  start(pullIntervalMinutes: number): Promise<Result<SyncNowResult, EngineError>>
  /** Stops the timers (the poll loop, the engine's intervals, and the live feed where there is one). */
  stop(): void
}
