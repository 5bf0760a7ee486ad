/**
 * Log rows for what a plan left out, in plain words, so every queued record of an initial sync appears in the log.
 * @module
 */
import type { SkipReason, SyncPlan } from '../plan-types.ts'
import type { LogEntry } from './types.ts'

export const SKIP_TEXT: Readonly<Record<SkipReason, string>> = {
  draft: 'Drafts sync once finalized.',
  'jobs-off': 'Jobs sync only with sub-customer jobs on.',
  'up-to-date': 'Already up to date.',
  'never-synced': 'Deleted before it reached QuickBooks: nothing to send.',
  'waiting-for-decision': 'Waiting for your decision on a possible match.',
  'waiting-for-dependency': 'Waiting for a record it refers to.',
  'waiting-for-in-flight': 'Waiting for an earlier send to finish.',
  'missing-record': 'The record is no longer on this device.',
  'missing-reference': 'It refers to a record that is not on this device.',
  backoff: 'Waiting before trying again.',
  'awaiting-approval': 'Waiting for approval on the Export screen.',
}

export function skippedLog(plan: Pick<SyncPlan, 'skipped'>, at: string): LogEntry[] {
  return plan.skipped.map((s) => ({
    at,
    kind: s.kind,
    localId: s.localId as LogEntry['localId'],
    label: s.label,
    direction: 'none' as const,
    status: 'skipped' as const,
    details: SKIP_TEXT[s.reason] ?? s.reason,
  }))
}
