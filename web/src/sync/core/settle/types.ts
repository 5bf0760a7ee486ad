/**
 * What a settlement is: the rows one result commits together (mapping, outbox changes, records from
 * QuickBooks, log). The core builds them; the store writes each one atomically.
 * @module
 */
import type { Mapping, SentRequest, SyncKind, SyncLogRow } from '#shared/domain/index.ts'
import type { OutboxError } from '#shared/domain/outbox.ts'

/** A QuickBooks object as the wire carries it. */
export type QboEntity = Record<string, unknown> & { Id?: string; SyncToken?: string }

/** A log row before the store numbers it. */
export type LogEntry = Omit<SyncLogRow, 'seq'>

/** The record a request was built from: what QuickBooks holds once it answers, whatever the record became since. */
export type SentFrom = Pick<SentRequest, 'fields' | 'version'>

/** One settled write: everything in it commits together or not at all. */
export interface Settlement {
  /** The mapping as it is after the write; absent when nothing links (a failed create). */
  mapping?: Mapping | undefined
  /** Outbox rows this result settles: deleted on success. */
  doneSeqs: number[]
  /**
   * Rows with nothing to send (the plan's `up-to-date` and `never-synced`): each is deleted only while it still
   * holds `version`. An unclaimed row moves to a newer version when an edit lands after the snapshot; that edit
   * must still go, so its row stays.
   */
  doneIfUnchanged?: readonly { seq: number; version: number }[] | undefined
  /** Rows that failed: kept with the error and the retry time. */
  failed?:
    | {
        seqs: number[]
        error: OutboxError
        nextAttemptAt?: string | undefined
        attempts: number
        /** The request surely did not take effect: the row is unclaimed, so the next try has a new requestid. */
        release: boolean
      }
    | undefined
  /** Records written here from QuickBooks (create-here, merged fields). They bump no version and queue nothing. */
  records?: { kind: SyncKind; record: Record<string, unknown> }[] | undefined
  log: LogEntry[]
}
