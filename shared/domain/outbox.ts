/**
 * One local change waiting for the sync engine.
 *
 * Coalescing rule (enforced by web/src/db/outbox.ts): a record has at most one
 * *unclaimed* row (no `batchId`). A later edit updates that row's `version` and
 * `op` instead of adding a row. Once the engine claims a row (sets `batchId` and
 * `requestId` before sending), the row is frozen and the next edit adds a new one.
 * The engine deletes a row when its version is settled.
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
  attempts: z.int().min(0),
  nextAttemptAt: Timestamp.optional(),
  lastError: SyncError.optional(),
})
export type OutboxRow = z.infer<typeof OutboxRow>

/** Merging a new intent into an unclaimed row: creates stay creates, voids and deletes win. */
export function coalesceOp(pending: OutboxOp, next: OutboxOp): OutboxOp {
  if (next === 'void' || next === 'delete') return next
  if (pending === 'void' || pending === 'delete') return pending
  return pending === 'create' ? 'create' : next
}
