/** One line of the sync log the user reads, filters, retries from and exports as CSV. */
import { z } from 'zod'
import { LocalId, SyncKind, Timestamp } from './common.ts'

export const SyncDirection = z.enum(['push', 'pull', 'none'])
export const SyncLogStatus = z.enum(['synced', 'matched', 'skipped', 'conflict', 'warning', 'error', 'info'])
export type SyncLogStatus = z.infer<typeof SyncLogStatus>

export const SyncLogRow = z.object({
  seq: z.int().min(1),
  at: Timestamp,
  kind: SyncKind.optional(),
  localId: LocalId.optional(),
  qboId: z.string().optional(),
  /** What the user recognises: "Invoice 1042", "Ann Lee". */
  label: z.string(),
  direction: SyncDirection,
  status: SyncLogStatus,
  details: z.string(),
  /** The same refusal of the same record again: how many times in all (absent: once), and when it first was. */
  count: z.int().min(1).optional(),
  firstAt: Timestamp.optional(),
})
export type SyncLogRow = z.infer<typeof SyncLogRow>
