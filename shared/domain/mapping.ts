/**
 * The link between a local record and its QuickBooks twin. Written by the sync
 * engine only, in the same transaction as the outbox and log rows it settles.
 */
import { z } from 'zod'
import { LocalId, QboId, SyncToken } from '../ids.ts'
import { SyncKind, Timestamp } from './common.ts'

export { QboId, SyncToken } from '../ids.ts'

export const MappingStatus = z.enum(['synced', 'error', 'conflict', 'unlinked'])
export type MappingStatus = z.infer<typeof MappingStatus>

export const SyncError = z.object({
  /** QuickBooks fault code ("6240") or the engine's own kind ("network"). */
  code: z.string(),
  message: z.string(),
  at: Timestamp,
  /** The QuickBooks field the refusal names ("IncomeAccountRef", "Line.2"): where the user goes to fix it. */
  field: z.string().optional(),
})
export type SyncError = z.infer<typeof SyncError>

export const Mapping = z.object({
  kind: SyncKind,
  localId: LocalId,
  qboId: QboId,
  realmId: z.string().min(1),
  syncToken: SyncToken,
  /** The local record as last synced: the base of the engine's 3-way merge. */
  snapshot: z.record(z.string(), z.unknown()),
  /** The local `version` that `snapshot` holds. A record is up to date when its version equals this. */
  syncedVersion: z.int().min(0),
  status: MappingStatus,
  lastError: SyncError.optional(),
  updatedAt: Timestamp,
})
export type Mapping = z.infer<typeof Mapping>
