/**
 * The ports the sync runner works through, so tests swap each one: the device's store, QuickBooks (through
 * the edge), time, randomness and logging. Each interface states its contract; `adapters/store-contract.ts`
 * checks both stores against it.
 * @module
 */
import type {
  Contact,
  Invoice,
  Item,
  Job,
  Mapping,
  OutboxRow,
  Payment,
  Settings,
  SyncLogRow,
} from '#shared/domain/index.ts'
import type { QboBatchItemResponse, QboCdcQueryResponse, QboQueryResponseBody } from '#shared/qbo/index.ts'
import type { Result } from '#shared/result.ts'
import type { Claim, LogEntry, QboEntity, QboEntityName, Settlement, SyncFault } from './core/index.ts'

export type { Claim, LogEntry, QboEntity, QboEntityName, Settlement }

// --- local store ------------------------------------------------------------------------

export interface LocalRecords {
  contacts: Contact[]
  items: Item[]
  invoices: Invoice[]
  payments: Payment[]
  jobs: Job[]
}

/** Everything the runner plans from, read in one transaction so it is consistent. */
export interface LocalSnapshot {
  records: LocalRecords
  outbox: OutboxRow[]
  mappings: Mapping[]
  settings: Settings
}

/**
 * The device's data as the runner sees it.
 *
 * Contract:
 * - `snapshot()` reads records, outbox, mappings and settings in one read transaction.
 * - `claim()` writes every claim in one transaction and returns the rows as stored, aligned with the claims; a row
 *   that was already claimed comes back with its stored `requestId`, `batchId` and `sent`, unchanged. A claim comes
 *   back `undefined` when another runner (another tab) got there first: its row is gone (settled), or, for a claim
 *   without a row, the record is already linked to QuickBooks; or when the unclaimed row moved on to a newer
 *   version than the claim's (an edit landed after the snapshot: that version goes next run, not under this body).
 * - `settle()` commits each settlement atomically (the Dexie store commits the whole list in one transaction).
 *   Settling a seq that is no longer in the outbox is not an error (a resumed run may settle twice). A released
 *   row loses its `requestId`, `batchId` and `sent` together. A `doneIfUnchanged` row is deleted in the same
 *   transaction only when its stored version is the one given.
 * - `setCheckpoint()` / `snapshot().settings.cdcCheckpoint` and `.syncedRealmId` round-trip the CDC checkpoint and
 *   the company it belongs to; `settings()` reads the same row without the records.
 * - `moveInvoiceNumberPast()` raises `snapshot().settings.nextInvoiceNumber` past the highest numeric DocNumber.
 * - `setQuickBooksNumbers()` round-trips through `settings().quickBooksNumbers`.
 * - `log()` appends rows and gives them increasing `seq`.
 */
export interface LocalStore {
  snapshot(): Promise<LocalSnapshot>
  claim(claims: readonly Claim[]): Promise<(OutboxRow | undefined)[]>
  settle(settlements: readonly Settlement[]): Promise<void>
  setCheckpoint(checkpoint: string, realmId: string): Promise<void>
  settings(): Promise<Settings>
  /** Moves the next local invoice number past these QuickBooks DocNumbers' numeric ones; never backwards. */
  moveInvoiceNumberPast(docNumbers: readonly unknown[]): Promise<void>
  /** Records whether QuickBooks numbers the company's invoices, as just read from it (`settings.quickBooksNumbers`). */
  setQuickBooksNumbers(on: boolean): Promise<void>
  log(rows: readonly LogEntry[]): Promise<void>
  readLog(): Promise<SyncLogRow[]>
}

// --- QuickBooks -------------------------------------------------------------------------

/** A failure as the runner sees it: the core's classification of Intuit's or the edge's answer. */
/**
 * One write of a batch as the runner builds it: the body our mappers made, keyed by its entity's name. The bodies
 * are ours, not parsed answers, so they are not typed as QuickBooks' answer schemas.
 */
export type QboBatchWrite = { bId: string; operation: 'create' | 'update' } & Partial<Record<QboEntityName, QboEntity>>

export type GatewayFault = SyncFault

export type GatewayResult<T> = Promise<Result<T, GatewayFault>>

/**
 * QuickBooks, through the edge. Every method answers a `Result`; none throws for a failed call.
 *
 * Contract:
 * - `write` sends one create/update/void/delete with `requestId` passed as Intuit's `requestid`, so a resend with the
 *   same id is replayed by QuickBooks, not repeated.
 * - `batch` sends at most 30 items under one `requestId` (≤ 36 characters, each bId ≤ 10).
 * - `query` answers one page; the caller pages with STARTPOSITION/MAXRESULTS.
 */
export interface QboGateway {
  query(statement: string): GatewayResult<QboQueryResponseBody>
  read(entity: QboEntityName, id: string): GatewayResult<QboEntity>
  write(
    entity: QboEntityName,
    operation: 'create' | 'update' | 'void' | 'delete',
    body: QboEntity,
    requestId: string,
  ): GatewayResult<QboEntity>
  batch(items: readonly QboBatchWrite[], requestId: string): GatewayResult<QboBatchItemResponse[]>
  cdc(
    entities: readonly QboEntityName[],
    changedSince: string,
  ): GatewayResult<{ changes: QboCdcQueryResponse[]; time: string | undefined }>
}

// --- time, randomness, logging ---------------------------------------------------------------

export interface Clock {
  now(): number
  /** Resolves after `ms` of this clock's time; tests resolve it at once or on demand. */
  sleep(ms: number): Promise<void>
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** A UUID: 36 characters, so it fits a batch requestid. */
  uuid(): string
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
}

// --- progress -------------------------------------------------------------------------------

export type SyncPhase = 'pull' | 'match' | 'preview' | 'push' | 'done'
export type Progress = { phase: SyncPhase; done: number; total: number }
export type OnProgress = (p: Progress) => void

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export const realRandom: Random = {
  next: () => Math.random(),
  uuid: () => crypto.randomUUID(),
}

export const silentLogger: Logger = { info: () => {}, warn: () => {} }
