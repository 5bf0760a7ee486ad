/**
 * What one run is given (`RunnerDeps`) and what it carries (`RunState`: the snapshot's records, live mappings,
 * outbox rows, outcomes, balances, the summary). Steps read the state through `RunView` and return `Settled`
 * values; only the runner (`execute.ts`, `commit.ts`) changes it.
 * @module
 */
import type { Mapping, OutboxRow } from '#shared/domain/index.ts'
import { recordKey, resolverFrom } from '../core/index.ts'
import type {
  BackoffPolicy,
  Balances,
  InvoiceBalance,
  LocalRecord,
  RecordContext,
  Settlement,
  SyncFault,
  SyncOp,
} from '../core/index.ts'
import type { Clock, LocalSnapshot, LocalStore, Logger, OnProgress, QboEntity, QboGateway, Random } from '../ports.ts'

export interface RunnerDeps {
  store: LocalStore
  gateway: QboGateway
  clock: Clock
  random: Random
  logger?: Logger
  realmId: string
  /** Calls in flight at once; the edge paces to Intuit's limits, this only bounds the queue. */
  concurrency?: number
  /** Tries of one call within a run before it is left queued for a later run. */
  maxAttempts?: number
  /** How long a stored requestid is trusted to be remembered by Intuit; older claimed creates are looked up first. */
  requestIdTrustMs?: number
  backoff?: BackoffPolicy
  onProgress?: OnProgress
  /** QuickBooks records pulled before planning (initial sync), keyed `Entity:Id`: what link and pull ops use. */
  remote?: ReadonlyMap<string, QboEntity>
  /** Default accounts for new items and payments, when settings name none. */
  accounts?: { income?: string | undefined; expense?: string | undefined; deposit?: string | undefined }
  /** Log a row for every skipped record (the initial sync does; routine pushes would repeat them every run). */
  logSkips?: boolean
}

export interface RunSummary {
  synced: number
  linked: number
  pulled: number
  failed: number
  skipped: number
  /** The earliest time (ms) a row this run failed may be tried again, when one waits for a time: the next run's cue. */
  retryAt?: number
  /** Set when the run stopped early: QuickBooks refused the connection and the user must reconnect. */
  stoppedBy?: SyncFault
}

export type Outcome = 'ok' | 'failed'

export interface RunState {
  snap: LocalSnapshot
  /** By `recordKey`. */
  records: Map<string, LocalRecord>
  /** By `recordKey`: the mappings as this run has settled them. */
  mappings: Map<string, Mapping>
  /** The outbox rows the plan was made from, by seq: their attempts, and what a claimed row stored with its claim. */
  rows: Map<number, OutboxRow>
  outcome: Map<string, Outcome>
  /** QuickBooks' open balance of invoices this run writes or pays, by QuickBooks Id. */
  balances: Balances
  summary: RunSummary
  stopped: SyncFault | undefined
  /** The company lets QuickBooks number invoices (read once per run by the numbers step): creates send none. */
  quickBooksNumbers: boolean
  /** Why that could not be read this run: no new invoice goes on a guess. */
  numbersUnread?: SyncFault | undefined
}

export type RunOptions = Required<Pick<RunnerDeps, 'concurrency' | 'maxAttempts' | 'requestIdTrustMs' | 'backoff'>> &
  RunnerDeps

/** The run as the runner holds it. */
export interface Run extends RunOptions {
  state: RunState
}

/** The run as a step sees it: the same state, read-only. */
export interface RunView extends RunOptions {
  state: {
    readonly snap: LocalSnapshot
    readonly records: ReadonlyMap<string, LocalRecord>
    readonly mappings: ReadonlyMap<string, Mapping>
    readonly rows: ReadonlyMap<number, OutboxRow>
    readonly outcome: ReadonlyMap<string, Outcome>
    readonly balances: ReadonlyMap<string, InvoiceBalance>
    readonly stopped: SyncFault | undefined
    readonly quickBooksNumbers: boolean
    readonly numbersUnread?: SyncFault | undefined
  }
}

/** What a step hands back to the runner: a settlement to commit, and what it means for the op and the summary. */
export interface Settled {
  settlement?: Settlement | undefined
  opId?: string | undefined
  outcome?: Outcome | undefined
  tally?: 'synced' | 'failed' | 'skipped' | undefined
  /** An invoice's balance QuickBooks answered with, by its QuickBooks Id. */
  balance?: [string, InvoiceBalance] | undefined
}

export const recordOf = (run: RunView, op: Pick<SyncOp, 'kind' | 'localId'>): LocalRecord | undefined =>
  run.state.records.get(recordKey(op.kind, op.localId ?? ''))

export const mappingOf = (run: RunView, op: Pick<SyncOp, 'kind' | 'localId'>): Mapping | undefined =>
  run.state.mappings.get(recordKey(op.kind, op.localId ?? ''))

/** What the core's mappers need: QuickBooks Ids by local record (placeholders for those not there yet), accounts. */
export function recordContext(run: RunView): RecordContext {
  const s = run.state.snap.settings
  return {
    ref: resolverFrom((r) => run.state.mappings.get(recordKey(r.kind, r.localId))?.qboId),
    settings: {
      subCustomerJobs: s.subCustomerJobs,
      defaultIncomeAccountId: s.defaultIncomeAccountId ?? run.accounts?.income,
      defaultExpenseAccountId: s.defaultExpenseAccountId ?? run.accounts?.expense,
      depositAccountId: s.depositAccountId ?? run.accounts?.deposit,
    },
    // An invoice edited before the item was chosen carries none; a Re-sync after choosing it must find it here.
    freeTextItemQboId: s.freeTextItemId,
  }
}

export const iso = (ms: number) => new Date(ms).toISOString()
