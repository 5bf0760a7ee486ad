/**
 * Folds what happened to one op into the rows the runner writes in one transaction: the mapping (QuickBooks
 * Id, SyncToken, snapshot, synced version, status), the outbox rows settled or rescheduled, and the sync log.
 * Plain data in and out: the runner passes `now` and a random number for jitter, and does the writing.
 * @module
 */
import { z } from 'zod'
import type { Mapping, SyncLogRow } from '../../../../shared/domain/index.ts'
import { SyncFault } from './fault-types.ts'
import { MapWarning } from './map/map-result.ts'
import type { SyncOp } from './plan-types.ts'

export const OpOutcome = z.discriminatedUnion('type', [
  /** QuickBooks accepted the write (or a link/pull was done): its Id and SyncToken, and what was synced. */
  z.object({
    type: z.literal('ok'),
    qboId: z.string(),
    syncToken: z.string(),
    /** The local record as synced: the base of the next 3-way merge. */
    snapshot: z.record(z.string(), z.unknown()),
    /** For a pull: the id the new local record got. */
    localId: z.string().optional(),
    warnings: z.array(MapWarning).default([]),
  }),
  z.object({ type: z.literal('fault'), fault: SyncFault }),
])
export type OpOutcome = z.input<typeof OpOutcome>

export interface ApplyContext {
  realmId: string
  /** Now, ISO 8601. */
  now: string
  /** The mapping row as it is before this outcome, if any. */
  mapping?: Mapping | undefined
  /** Attempts already made for the op's outbox rows (before this one). */
  attempts: number
  /** A number in [0, 1) for backoff jitter, from the runner (the core has no randomness). */
  random: number
}

export type LogEntry = Omit<SyncLogRow, 'seq'>

export interface RowChanges {
  /** The mapping to put, or none (a failed create has no mapping yet). */
  mapping?: Mapping
  /** Outbox rows to delete: their version is in QuickBooks. */
  outboxDone: number[]
  /** Outbox rows to keep, with their next attempt (none when only the user can unblock them). */
  outboxRetry?: { seqs: number[]; attempts: number; nextAttemptAt?: string; lastError: { code: string; message: string; at: string } }
  /** The QuickBooks record must be re-read and merged before this op is planned again (stale object). */
  refetch?: { kind: SyncOp['kind']; qboId: string }
  /** Sync must pause until the user reconnects. */
  pause?: 'reconnect'
  log: LogEntry[]
}

/** Retry delays: 2 s doubling to at most 15 min, with "full jitter" over the upper half, so devices spread out. */
export const BACKOFF = { baseMs: 2_000, maxMs: 15 * 60_000 } as const

export function backoffMs(attempts: number, random: number): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.min(attempts, 20))
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1))
}

const VERB: Readonly<Record<SyncOp['action'], string>> = {
  create: 'Created in QuickBooks', update: 'Updated in QuickBooks', void: 'Voided in QuickBooks',
  link: 'Linked to the QuickBooks record', pull: 'Created here from QuickBooks',
}

/**
 * @example
 * applyOutcome(op, { type: 'ok', qboId: '58', syncToken: '0', snapshot }, { realmId, now, attempts: 0, random: 0.5 })
 *   // → mapping { qboId '58', syncToken '0', syncedVersion op.version, status 'synced' }, outboxDone op.outboxSeqs, one 'synced' log row
 */
export function applyOutcome(op: SyncOp, outcome: OpOutcome, ctx: ApplyContext): RowChanges {
  const parsed = outcome
  const base = { at: ctx.now, kind: op.kind, label: op.label }
  const direction = op.action === 'pull' ? 'pull' as const : op.action === 'link' ? 'none' as const : 'push' as const

  if (parsed.type === 'ok') {
    const localId = op.localId ?? parsed.localId
    if (localId === undefined) {
      // A pull whose new record id was not passed back: nothing can be linked, so say so rather than guess.
      return { outboxDone: [], log: [{ ...base, qboId: parsed.qboId, direction, status: 'error', details: 'Created here, but the link to QuickBooks could not be recorded. Run the sync again.' }] }
    }
    const mapping: Mapping = {
      kind: op.kind,
      localId: localId as Mapping['localId'],
      qboId: parsed.qboId as Mapping['qboId'],
      realmId: ctx.realmId,
      syncToken: parsed.syncToken as Mapping['syncToken'],
      snapshot: parsed.snapshot,
      syncedVersion: Math.max(op.version ?? 1, ctx.mapping?.syncedVersion ?? 0),
      status: 'synced',
      updatedAt: ctx.now,
    }
    const status = op.action === 'link' ? 'matched' as const : 'synced' as const
    const log: LogEntry[] = [{ ...base, localId: mapping.localId, qboId: parsed.qboId, direction, status, details: VERB[op.action] + '.' }]
    for (const w of parsed.warnings ?? []) {
      log.push({ ...base, localId: mapping.localId, qboId: parsed.qboId, direction, status: 'warning', details: `${w.field}: ${w.message}` })
    }
    return { mapping, outboxDone: [...op.outboxSeqs], log }
  }

  const f = parsed.fault
  const attempts = ctx.attempts + 1
  const lastError = { code: f.code, message: f.userMessage, at: ctx.now }
  const changes: RowChanges = { outboxDone: [], log: [] }
  if (ctx.mapping && !f.retryable) changes.mapping = { ...ctx.mapping, status: 'error', lastError, updatedAt: ctx.now }
  const retry: NonNullable<RowChanges['outboxRetry']> = { seqs: [...op.outboxSeqs], attempts, lastError }
  const ids = { ...(op.localId === undefined ? {} : { localId: op.localId as LogEntry['localId'] }), ...(op.qboId === undefined ? {} : { qboId: op.qboId }) }

  switch (f.kind) {
    case 'rateLimit':
      // Invisible to the user (design.md): the op simply goes again after the wait.
      retry.nextAttemptAt = new Date(Date.parse(ctx.now) + (f.retryAfterMs ?? BACKOFF.baseMs)).toISOString()
      break
    case 'transient':
      retry.nextAttemptAt = new Date(Date.parse(ctx.now) + backoffMs(ctx.attempts, ctx.random)).toISOString()
      changes.log.push({ ...base, ...ids, direction, status: 'info', details: `${f.userMessage} (attempt ${attempts})` })
      break
    case 'stale':
      // Re-read, merge and send again at once: no wait, and the conflict (if any) is logged by the merge.
      if (op.qboId !== undefined) changes.refetch = { kind: op.kind, qboId: op.qboId }
      changes.log.push({ ...base, ...ids, direction, status: 'info', details: f.userMessage })
      break
    case 'auth':
      changes.pause = 'reconnect'
      changes.log.push({ ...base, ...ids, direction, status: 'error', details: f.userMessage })
      break
    default:
      changes.log.push({
        ...base, ...ids, direction, status: 'error',
        details: f.field === undefined ? f.userMessage : `${f.userMessage} (${f.field})`,
      })
  }
  if (retry.seqs.length > 0) changes.outboxRetry = retry
  return changes
}

/** Log rows for what a plan left out, so every queued record of an initial sync appears in the log. */
export function skippedLog(plan: { skipped: readonly { kind: SyncOp['kind']; localId: string; reason: string; label: string }[] }, now: string): LogEntry[] {
  const words: Readonly<Record<string, string>> = {
    'draft': 'Drafts are not sent to QuickBooks.',
    'jobs-off': 'Jobs are sent only with "Jobs as sub-customers" on.',
    'up-to-date': 'Already up to date in QuickBooks.',
    'never-synced': 'Deleted before it was ever sent: nothing to do.',
    'waiting-for-decision': 'Waiting for you to choose which QuickBooks customer it is.',
    'waiting-for-dependency': 'Waiting for a record it uses to reach QuickBooks.',
    'waiting-for-in-flight': 'Waiting for the previous send of this record to finish.',
    'missing-record': 'The record is no longer here.',
    'missing-reference': 'A record it uses is no longer here.',
    'backoff': 'Will be retried shortly.',
  }
  return plan.skipped.map((s) => ({
    at: now, kind: s.kind, localId: s.localId as LogEntry['localId'], label: s.label, direction: 'push' as const,
    status: 'skipped' as const, details: words[s.reason] ?? s.reason,
  }))
}
