/**
 * The one settlement function: what happened to one op → the rows the runner writes in one transaction (the
 * mapping, the outbox rows settled, kept or released, their next attempt, the log). Plain data in and out: the
 * runner passes the time, a random number for jitter and what it knows of the record, and does the writing.
 * @module
 */
import type { Mapping } from '#shared/domain/index.ts'
import type { SyncFault } from '../fault-types.ts'
import type { MapWarning } from '../map/map-result.ts'
import type { SyncOp } from '../plan-types.ts'
import { defaultBackoff, retryWaitMs, type BackoffPolicy } from './backoff.ts'
import { failureSettlement } from './failure.ts'
import { successSettlement } from './success.ts'
import type { QboEntity, SentFrom, Settlement } from './types.ts'

export type OpOutcome =
  /** QuickBooks took the write (`entity` is its answer), or nothing needed sending (`unchanged`). */
  | {
      type: 'ok'
      entity: QboEntity
      sent?: SentFrom | undefined
      warnings?: readonly MapWarning[] | undefined
      unchanged?: boolean | undefined
    }
  /** The op failed; `release` when the request surely did not take effect, so the next try is a new request. */
  | { type: 'fault'; fault: SyncFault; release: boolean }
  /** A record the op refers to did not reach QuickBooks in this run: the op waits for it. */
  | { type: 'blocked' }

export interface SettleContext {
  realmId: string
  /** Now, in ms since the epoch. */
  now: number
  /** The outbox rows the op's request settles (its claimed ones). */
  seqs: number[]
  /** The mapping as it is before this outcome, if any. */
  previous: Mapping | undefined
  /** The local record as it is now (a success without `sent` snapshots it). */
  record?: object | undefined
  /** Attempts already made for these rows, before this one. */
  attempts: number
  /**
   * A number in [0, 1) for backoff jitter (the core has no randomness), drawn only when a retry time is: a run's
   * sequence of draws stays the same whatever else settles.
   */
  random: () => number
  backoff?: BackoffPolicy | undefined
}

const iso = (ms: number) => new Date(ms).toISOString()

const alreadyGone = (op: SyncOp): OpOutcome => ({
  type: 'ok',
  entity: { Id: op.qboId, status: 'Deleted' } as QboEntity,
})

/**
 * @example
 * settle(op, { type: 'ok', entity: { Id: '58', SyncToken: '0' } }, { realmId, now, seqs: [7], previous: undefined,
 *   record, attempts: 0, random: () => 0.5 })
 *   // → mapping { qboId '58', syncToken '0', status 'synced' }, doneSeqs [7], one 'synced' log row
 */
export function settle(op: SyncOp, outcome: OpOutcome, ctx: SettleContext): Settlement {
  const at = iso(ctx.now)
  switch (outcome.type) {
    case 'ok':
      return successSettlement({
        op,
        entity: outcome.entity,
        record: ctx.record ?? {},
        seqs: ctx.seqs,
        realmId: ctx.realmId,
        at,
        previous: ctx.previous,
        sent: outcome.sent,
        warnings: outcome.warnings ?? [],
        unchanged: outcome.unchanged ?? false,
      })
    case 'fault': {
      const { fault } = outcome
      // Deleting a payment someone already deleted in QuickBooks (610): what was asked is done.
      if (op.action === 'delete' && fault.code === '610') return settle(op, alreadyGone(op), ctx)
      const attempts = ctx.attempts + 1
      const wait = () => retryWaitMs(fault, attempts, ctx.random(), ctx.backoff ?? defaultBackoff)
      return failureSettlement({
        op,
        fault,
        seqs: ctx.seqs,
        attempts,
        at,
        release: outcome.release,
        previous: ctx.previous,
        nextAttemptAt: fault.retryable ? iso(ctx.now + wait()) : undefined,
      })
    }
    case 'blocked':
      return {
        doneSeqs: [],
        log: [
          {
            at,
            kind: op.kind,
            localId: op.localId as Settlement['log'][number]['localId'],
            label: op.label,
            direction: 'push',
            status: 'skipped',
            details: 'Waiting for a record it refers to, which did not reach QuickBooks yet.',
          },
        ],
      }
  }
}
