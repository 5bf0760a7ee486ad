/**
 * What the screens ask of the outbox (send records again, let a held payment go, unlink and recreate) and what
 * they show of it (records QuickBooks refused, payments held), over the page's database. Components reach the
 * outbox only through here, never web/src/db or the sync engine directly.
 * @module
 */
import type { LocalId } from '#shared/domain/index.ts'
import {
  failedRecords,
  heldPayments,
  resendHeldPayment,
  retryAllErrors,
  retryRecords,
  unlinkAndRecreate,
  type RecordKey,
} from '../db/sync-requests.ts'
import { useDb } from './db.ts'

export { UNVERIFIED_PAYMENT_CODE } from '../sync/core/index.ts'
export type { QboPaymentChoice } from '../sync/held-payments.ts'
export type { RecordKey }

export function useSyncRequests() {
  const db = useDb()
  return {
    /** Makes these records due now; how many outbox rows it woke. */
    retry: (keys: readonly RecordKey[]) => retryRecords(db, keys),
    retryAllErrors: () => retryAllErrors(db),
    unlinkAndRecreate: (key: RecordKey, version: number) => unlinkAndRecreate(db, key, version),
    resendHeldPayment: (localId: LocalId) => resendHeldPayment(db, localId),
    failed: () => failedRecords(db),
    held: () => heldPayments(db),
  }
}
