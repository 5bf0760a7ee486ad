/**
 * One local change waiting for the sync engine.
 *
 * Coalescing rule (enforced by web/src/db/outbox.ts): a record has at most one
 * *unclaimed* row (no `batchId`). A later edit updates that row's `version` and
 * `op` instead of adding a row. Once the engine claims a row (sets `batchId` and
 * `requestId` before sending), the row is frozen and the next edit adds a new one.
 * The engine deletes a row when its version is settled.
 *
 * A claim also freezes what goes out (`sent`): a resend under the same requestid must be the identical
 * request, whatever the record became since, and a success stores what QuickBooks was sent, not the record's
 * later state, so an edit made meanwhile is still pushed afterwards.
 */
import { z } from 'zod'
import { LocalId, SyncKind, Timestamp } from './common.ts'
import { SyncError } from './mapping.ts'

/**
 * `void` and `delete` carry the final intent: on a record that has no mapping yet,
 * `void` means create-then-void and `delete` means there is nothing to send.
 */
export const OutboxOp = z.enum(['create', 'update', 'void', 'delete'])
export type OutboxOp = z.infer<typeof OutboxOp>

/**
 * The request a claimed row stands for. `body` is the QuickBooks body as sent, `fields` the record it was built
 * from and `version` the version the row settles: once QuickBooks answers they become the mapping's snapshot and
 * syncedVersion, and a later version still queued sends what differs from `fields`.
 */
export const SentRequest = z.object({
  body: z.record(z.string(), z.unknown()),
  fields: z.record(z.string(), z.unknown()),
  version: z.int().min(1),
})
export type SentRequest = z.infer<typeof SentRequest>

/** One answer the user can give a record waiting for a decision: link it to this QuickBooks record. */
export const DecisionChoice = z.object({ qboId: z.string(), label: z.string() })
export type DecisionChoice = z.infer<typeof DecisionChoice>

/**
 * A row's last error. A record left at "Decide later" carries the code `undecided` and the QuickBooks records it
 * may be (`choices`), so its page offers them in one tap; it is never sent as a create until the user answers.
 */
export const OutboxError = SyncError.extend({ choices: z.array(DecisionChoice).optional() })
export type OutboxError = z.infer<typeof OutboxError>

export const OutboxRow = z.object({
  /** Auto-incremented by IndexedDB: creation order, which is the order the engine sends in. */
  seq: z.int().min(1),
  kind: SyncKind,
  localId: LocalId,
  /** The record version this row asks the engine to push (the latest one while unclaimed). */
  version: z.int().min(1),
  op: OutboxOp,
  createdAt: Timestamp,
  /** Set by the engine before each send, so a resend after a lost response cannot create a duplicate. */
  requestId: z.string().optional(),
  batchId: z.string().optional(),
  /** Stored with the claim and dropped with it; rows claimed before this field existed have none. */
  sent: SentRequest.optional(),
  attempts: z.int().min(0),
  nextAttemptAt: Timestamp.optional(),
  lastError: OutboxError.optional(),
})
export type OutboxRow = z.infer<typeof OutboxRow>

/** Merging a new intent into an unclaimed row: creates stay creates, voids and deletes win. */
export function coalesceOp(pending: OutboxOp, next: OutboxOp): OutboxOp {
  if (next === 'void' || next === 'delete') return next
  if (pending === 'void' || pending === 'delete') return pending
  return pending === 'create' ? 'create' : next
}
