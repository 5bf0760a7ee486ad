/**
 * Request ids, batch ids and batch item ids, chosen so that a resend is byte-for-byte the same call:
 * - a batch shares one `requestid` (a UUID, 36 characters: Intuit's batch limit);
 * - a batch id carries the time it was first claimed, so a resend long after can tell that Intuit may have
 *   forgotten the requestid and look the record up first;
 * - a bId is the outbox row's seq (`s42`), stable however the batch is ordered, at most 10 characters.
 * @module
 */
/** Unique per claim: the batch's own requestid follows the claim time (two claims in one millisecond must not merge). */
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

export function seqOfBId(bId: string): number | undefined {
  const n = Number(bId.slice(1))
  return bId.startsWith('s') && Number.isInteger(n) ? n : undefined
}
