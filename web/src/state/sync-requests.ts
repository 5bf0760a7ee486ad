/**
 * What the screens ask of the outbox (send records again, let a held payment go, unlink and recreate) and what
 * they show of it (records QuickBooks refused, payments held), over the page's database. Components reach the
 * outbox only through here, never web/src/db or the sync engine directly.
 * @module
 */
import type { LocalId } from '#shared/domain/index.ts'
import {
  heldPayments,
  resendHeldPayment,
  retryRecords,
  unlinkAndRecreate,
  type RecordKey,
} from '../db/sync-requests.ts'
import { setInvoiceNumber, useNextFreeNumber } from '../db/invoice-edit.ts'
import { useDb } from './db.ts'
import { UNDECIDED_CODE } from '../sync/core/index.ts'
import { slowDownOf } from './record-sync-state.ts'

export { UNVERIFIED_PAYMENT_CODE } from '../sync/core/index.ts'
export type { QboPaymentChoice } from '../sync/held-payments.ts'
export type { RecordKey }

export function useSyncRequests() {
  const db = useDb()
  return {
    /** Makes these records due now; how many outbox rows it woke. */
    retry: (keys: readonly RecordKey[]) => retryRecords(db, keys),
    // Not the records waiting for a decision: retrying those would send them as creates.
    retryAllErrors: async () => retryRecords(db, (await outboxAttention(db)).failed),
    unlinkAndRecreate: (key: RecordKey, version: number) => unlinkAndRecreate(db, key, version),
    resendHeldPayment: (localId: LocalId) => resendHeldPayment(db, localId),
    failed: async () => (await outboxAttention(db)).failed,
    attention: () => outboxAttention(db),
    held: () => heldPayments(db),
  }
}

/** An unsent invoice's number: typed, or the next free one (after QuickBooks refused its number). */
export function useInvoiceNumbers() {
  const db = useDb()
  return {
    set: (id: LocalId, number: string) => setInvoiceNumber(db, id, number),
    useNextFree: (id: LocalId) => useNextFreeNumber(db, id),
  }
}

/**
 * What the outbox asks of the user, apart: records QuickBooks refused, records waiting for the user's decision (not
 * refusals), and when a throttle lets the sync go again (not refusals either: it goes by itself).
 */
export async function outboxAttention(
  db: ReturnType<typeof useDb>,
): Promise<{ failed: RecordKey[]; undecided: number; slowDownUntil: number | undefined }> {
  const rows = await db.outbox.filter((r) => r.lastError !== undefined).toArray()
  const slowDownUntil = slowDownOf(rows)
  const now = Date.now()
  const keys = new Map<string, RecordKey>()
  const undecided = new Set<string>()
  for (const r of rows) {
    const k = `${r.kind}|${r.localId}`
    if (r.lastError?.code === UNDECIDED_CODE) undecided.add(k)
    else if (r.nextAttemptAt === undefined || Date.parse(r.nextAttemptAt) <= now || !slowDownOf([r]))
      keys.set(k, { kind: r.kind, localId: r.localId })
  }
  return {
    failed: [...keys.values()],
    undecided: undecided.size,
    slowDownUntil: slowDownUntil !== undefined && slowDownUntil > now ? slowDownUntil : undefined,
  }
}
