/**
 * Small builders of the records plan reads, for the core's tests. Ids are plain strings cast to the
 * branded types: plan never parses them, and readable ids ("c1", "inv1") make failing cases readable.
 * @module
 */
import type { LocalId, Mapping, OutboxRow, SyncKind } from '#shared/domain/index.ts'
import { QboId, SyncToken } from '#shared/ids.ts'
import type { PlanInput } from '../core/index.ts'

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }
export type Records = Mutable<Required<PlanInput['records']>>

const T0 = '2026-03-01T00:00:00.000Z'
const lid = (s: string) => s as LocalId

export function emptyRecords(): Records {
  return { contacts: [], items: [], jobs: [], invoices: [], payments: [] }
}

type Extra = { version?: number; deletedAt?: string }

export const contact = (id: string, displayName = `Contact ${id}`, extra: Extra = {}) => ({
  id: lid(id),
  version: extra.version ?? 1,
  displayName,
  deletedAt: extra.deletedAt,
})

export const item = (id: string, name = `Item ${id}`, extra: Extra = {}) => ({
  id: lid(id),
  version: extra.version ?? 1,
  name,
  deletedAt: extra.deletedAt,
})

export const job = (id: string, contactId: string) => ({
  id: lid(id),
  version: 1,
  name: `Job ${id}`,
  contactId: lid(contactId),
  deletedAt: undefined,
})

export const invoice = (
  id: string,
  contactId: string,
  itemIds: string[] = [],
  extra: Extra & { status?: 'draft' | 'finalized' | 'void'; number?: string; jobId?: string } = {},
) => ({
  id: lid(id),
  version: extra.version ?? 1,
  number: extra.number ?? id,
  status: extra.status ?? 'finalized',
  contactId: lid(contactId),
  jobId: extra.jobId === undefined ? undefined : lid(extra.jobId),
  deletedAt: extra.deletedAt,
  lines: itemIds.map((itemId) => ({ itemId: lid(itemId) })),
})

export const payment = (
  id: string,
  contactId: string,
  invoiceIds: string[] = [],
  extra: { deletedAt?: string } = {},
) => ({
  id: lid(id),
  version: 1,
  date: '2026-03-02',
  contactId: lid(contactId),
  deletedAt: extra.deletedAt,
  applications: invoiceIds.map((invoiceId) => ({ invoiceId: lid(invoiceId) })),
})

export function row(
  seq: number,
  kind: SyncKind,
  localId: string,
  extra: Partial<Pick<OutboxRow, 'op' | 'version' | 'requestId' | 'batchId' | 'nextAttemptAt'>> = {},
): PlanInput['outbox'][number] {
  return { seq, kind, localId: lid(localId), version: extra.version ?? 1, op: extra.op ?? 'create', ...extra }
}

export function mapping(
  kind: SyncKind,
  localId: string,
  qboId: string,
  extra: Partial<Pick<Mapping, 'syncedVersion' | 'status'>> = {},
): PlanInput['mappings'][number] {
  return {
    kind,
    localId: lid(localId),
    qboId: QboId.parse(qboId),
    syncToken: SyncToken.parse('0'),
    syncedVersion: extra.syncedVersion ?? 1,
    status: extra.status ?? 'synced',
  }
}

export const NOW = T0

/** What a plan test varies; the rest of `PlanInput` is empty (extra keys, a table row's name say, are ignored). */
export type PlanCase = {
  records: Partial<Records>
  outbox?: PlanInput['outbox']
  mappings?: PlanInput['mappings']
  match?: PlanInput['match']
  subCustomerJobs?: boolean
  batchSize?: number
} & Record<string, unknown>

export const planInput = (c: PlanCase): PlanInput => ({
  records: { ...emptyRecords(), ...c.records },
  outbox: c.outbox ?? [],
  mappings: c.mappings ?? [],
  match: c.match,
  settings: { subCustomerJobs: c.subCustomerJobs ?? false },
  now: NOW,
  batchSize: c.batchSize,
})
