/**
 * Shapes shared by the realm store, its rules and its routes. Entities are kept as Intuit's
 * PascalCase JSON objects (`Json`), exactly as they go over the wire, so a read returns what
 * was stored without a mapping layer that could drift from Intuit's shapes.
 */
import { z } from 'zod'

export type Json = Record<string, unknown>

/** Emulator time (ms since epoch), moved by the admin API; the store reads no other clock. */
export type { Clock } from '../clock.ts'

export const ENTITY_NAMES = [
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Account',
  'TaxCode',
  'TaxRate',
  'Invoice',
  'Payment',
] as const
export type EntityName = (typeof ENTITY_NAMES)[number]

/** Name lists are soft-deleted (Active=false); transactions are deleted or voided. */
export const TRANSACTIONS: ReadonlySet<EntityName> = new Set(['Invoice', 'Payment'])

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void' | 'Merge'

export interface ChangeEvent {
  realmId: string
  entity: EntityName
  /** For a Merge, the survivor. */
  id: string
  operation: ChangeOperation
  /** Merge: the record merged away (gone since). */
  deletedId?: string
  /** Intuit-formatted timestamp of the change. */
  lastUpdated: string
}

export type ChangeListener = (event: ChangeEvent) => void

const json = z.record(z.string(), z.unknown())

/** A whole company: what `snapshot` returns and `seed` accepts. */
export const companySnapshotSchema = z.object({
  realmId: z.string().optional(),
  companyInfo: json,
  preferences: json,
  entities: z.partialRecord(z.enum(ENTITY_NAMES), z.array(json)).default({}),
  /** Deleted transactions as CDC reports them: Id, entity and when. */
  deleted: z.array(z.object({ entity: z.enum(ENTITY_NAMES), Id: z.string(), LastUpdatedTime: z.string() })).default([]),
  /** Invoice Ids whose TotalTax the app sent (kept across later writes that send no tax); absent when none. */
  taxSetByApp: z.array(z.string()).optional(),
  /** Payment Ids a bank deposit holds (changes refused with 6540); absent when none. */
  depositedPayments: z.array(z.string()).optional(),
})
export type CompanySnapshot = z.infer<typeof companySnapshotSchema>
export type CompanySnapshotInput = z.input<typeof companySnapshotSchema>
