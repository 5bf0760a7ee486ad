/**
 * The rows of a failed op: the mapping marked red (when there is one), the outbox rows kept with the error,
 * their attempts and next attempt, and a log row in the user's words (none for throttling, which is the
 * engine's business).
 * @module
 */
import type { Mapping, OutboxRow, SyncError } from '#shared/domain/index.ts'
import type { SyncFault } from '../fault-types.ts'
import type { SyncOp } from '../plan-types.ts'
import type { LogEntry, Settlement } from './types.ts'

export interface FailureArgs {
  op: SyncOp
  fault: SyncFault
  seqs: number[]
  attempts: number
  at: string
  release: boolean
  nextAttemptAt?: string | undefined
  previous: Mapping | undefined
}

export function failureSettlement(args: FailureArgs): Settlement {
  const { op, fault, at } = args
  // The field is kept so the record's row can send the user where it is fixed (Settings for an account).
  const error: SyncError = {
    code: fault.code,
    message: fault.userMessage,
    at,
    ...(fault.field === undefined ? {} : { field: fault.field }),
  }
  const named = fault.conflictingId !== undefined && fault.userMessage.includes(`(Id ${fault.conflictingId})`)
  const details = [
    fault.userMessage,
    fault.conflictingId && !named ? `The QuickBooks record with Id ${fault.conflictingId} has this name.` : undefined,
    fault.field ? `Field: ${fault.field}.` : undefined,
  ]
    .filter(Boolean)
    .join(' ')
  const failed = {
    seqs: args.seqs,
    error,
    attempts: args.attempts,
    nextAttemptAt: args.nextAttemptAt,
    release: args.release,
  }
  // Throttling is the edge's and the engine's business, never the user's; other retryable faults are news, not
  // errors. A duplicate's row carries the clashing record's Id when this one has none yet: it is what "link" links to.
  const log: LogEntry[] =
    fault.kind === 'rateLimit'
      ? []
      : [
          {
            at,
            kind: op.kind,
            localId: op.localId as LogEntry['localId'],
            qboId: args.previous?.qboId ?? fault.conflictingId,
            label: op.label,
            direction: 'push',
            status: fault.retryable ? 'info' : 'error',
            details: fault.retryable ? `${details} Waiting to try again.` : details,
          },
        ]
  return {
    mapping: args.previous ? { ...args.previous, status: 'error', lastError: error } : undefined,
    doneSeqs: [],
    failed,
    log,
  }
}

/** What becomes of one outbox row a failure settles, given what the store holds now. */
export type FailedRowFate = 'mark' | 'keep' | 'drop'

/**
 * A failure is settled against the store as it is at the end of the run, not as the run read it. When the op was
 * sent against a mapping (an update or void) and the user has since unlinked the record ("Unlink and create
 * again"), the failure is about a QuickBooks record the user gave up: the recreate the unlink queued must not
 * inherit the error, nor wait behind it. The recreate is either this very row turned into a create (unlinking
 * edits the unclaimed row) or another create row of the record (the row was claimed while it was sent).
 */
export function failedRowFate(args: {
  row: { seq: number; op: OutboxRow['op'] }
  /** The op was planned against a mapping that the store no longer holds. */
  unlinkedSince: boolean
  /** The record's outbox rows as the store holds them now (read only when `unlinkedSince`). */
  recordRows: () => readonly { seq: number; op: OutboxRow['op'] }[]
  /** The rows this failure settles. */
  failedSeqs: ReadonlySet<number>
}): FailedRowFate {
  if (!args.unlinkedSince) return 'mark'
  if (args.row.op === 'create') return 'keep'
  const recreateQueued = args.recordRows().some((o) => o.op === 'create' && !args.failedSeqs.has(o.seq))
  return recreateQueued ? 'drop' : 'mark'
}
