/**
 * Claims: the outbox rows a send marks before it goes, and the ids that make a resend byte-for-byte the same call.
 * - a batch shares one `requestid` (a UUID, 36 characters: Intuit's batch limit);
 * - a batch id carries the time it was first claimed, so a resend long after can tell that Intuit may have
 *   forgotten the requestid and look the record up first;
 * - a bId is the outbox row's seq (`s42`), stable however the batch is ordered, at most 10 characters.
 * @module
 */
import type { OutboxOp, OutboxRow, SentRequest, SyncKind } from '#shared/domain/index.ts'
import { UNVERIFIED_PAYMENT_CODE } from './fault-types.ts'
import type { SyncOp } from './plan-types.ts'

/**
 * Marks records as sent, before sending. A claim naming `seq` freezes that outbox row with the request id,
 * batch id and the request itself (a row already claimed keeps what it stored: a resend must be identical).
 * A claim without `seq` adds a claimed row, for records the plan sends without a queued change (a referenced
 * contact never queued).
 */
export interface Claim {
  seq?: number | undefined
  kind: SyncKind
  localId: string
  version: number
  op: OutboxOp
  requestId: string
  batchId: string
  /** The request about to go out; absent when none will (the body could not be built, or nothing changed). */
  sent?: SentRequest | undefined
}

/** Unique per claim: the requestid follows the claim time (two claims in one millisecond must not merge). */
export function newBatchId(nowMs: number, requestId: string): string {
  return `${nowMs.toString(36)}.${requestId}`
}

/** When a batch id was first claimed, or `undefined` for ids from elsewhere. */
export function claimedAt(batchId: string): number | undefined {
  const [stamp] = batchId.split('.')
  const ms = stamp ? Number.parseInt(stamp, 36) : Number.NaN
  return Number.isFinite(ms) ? ms : undefined
}

export function bIdOf(seq: number): string {
  return `s${seq}`
}

/** A lookup that could not say whether QuickBooks has the record: kept claimed, and asked again later. */
export const NOT_CHECKED_CODE = 'lookup-inconclusive'

/**
 * Whether a claimed group must be looked up rather than replayed: its claim is older than Intuit is trusted to
 * remember a requestid, or a row was kept claimed by a lookup (a held payment, a record QuickBooks could not be
 * checked for) and may be what is left of a broken batch, whose requestid under another composition would replay
 * that batch's answer, not send this record.
 */
export function mustLookUp(
  batchId: string,
  nowMs: number,
  trustMs: number,
  lastErrorCodes: readonly (string | undefined)[],
): boolean {
  return nowMs - (claimedAt(batchId) ?? 0) > trustMs || lastErrorCodes.some(keptForLookup)
}

function keptForLookup(code: string | undefined): boolean {
  return code === UNVERIFIED_PAYMENT_CODE || code === NOT_CHECKED_CODE
}

const outboxOp = (o: SyncOp): OutboxOp =>
  o.action === 'void' || o.action === 'delete' ? o.action : o.action === 'create' ? 'create' : 'update'

/** One claim per outbox row of each op (one without a row for a record sent unqueued), under one request. */
export function claimsOf(
  ops: readonly SyncOp[],
  ids: { requestId: string; batchId: string },
  sentOf: (op: SyncOp) => SentRequest | undefined,
): Claim[] {
  return ops.flatMap((o) => {
    const sent = sentOf(o)
    return (o.outboxSeqs.length > 0 ? o.outboxSeqs : [undefined]).map((seq) => ({
      seq,
      kind: o.kind,
      localId: o.localId ?? '',
      version: o.version ?? 1,
      op: outboxOp(o),
      ...ids,
      sent,
    }))
  })
}

export interface OwnClaim {
  op: SyncOp
  seqs: number[]
  /** The request a row claimed earlier stored: a resend goes out as it. */
  stored: SentRequest | undefined
}

/**
 * Splits what the store answered to `claimsOf(ops)` back per op. An op keeps its rows only when every one came
 * back claimed under `batchId`: rows another runner (another tab) claimed or settled meanwhile stay with it, since
 * sending them here could write twice or change the composition of a batch under its requestid.
 */
export function ownClaims(
  ops: readonly SyncOp[],
  rows: readonly (OutboxRow | undefined)[],
  batchId: string,
): { mine: OwnClaim[]; lost: SyncOp[] } {
  const mine: OwnClaim[] = []
  const lost: SyncOp[] = []
  let r = 0
  for (const op of ops) {
    const n = Math.max(1, op.outboxSeqs.length)
    const own = rows.slice(r, r + n)
    r += n
    if (!own.every((row) => row !== undefined && row.batchId === batchId)) {
      lost.push(op)
      continue
    }
    mine.push({ op, seqs: own.map((row) => row!.seq), stored: own[0]?.sent })
  }
  return { mine, lost }
}
