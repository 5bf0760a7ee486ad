/**
 * What `plan` takes and returns. A plan is data: the runner executes it, the preview screen shows it.
 * @module
 */
import { z } from 'zod'
import { SyncKind } from '#shared/domain/index.ts'
import type { Contact, Invoice, Item, Job, Mapping, OutboxRow, Payment, Settings } from '#shared/domain/index.ts'
import { AmbiguousGroup, type MatchResult } from './match-types.ts'

/** A record the op needs to exist in QuickBooks first. */
export const RecordRef = z.object({ kind: SyncKind, localId: z.string() })
export type RecordRef = z.infer<typeof RecordRef>

/**
 * - `create` / `update` / `void`: a QuickBooks write, in a batch;
 * - `delete`: a payment deleted here and held in QuickBooks, deleted there too (a request of its own);
 * - `link`: record a mapping found by matching (no QuickBooks call);
 * - `pull`: create here a QuickBooks record nothing local matches ("create here").
 */
export const OpAction = z.enum(['create', 'update', 'void', 'delete', 'link', 'pull'])
export type OpAction = z.infer<typeof OpAction>

export const SyncOp = z.object({
  /** Unique in the plan and stable across re-planning: `action:kind:id`. */
  id: z.string(),
  action: OpAction,
  kind: SyncKind,
  /** Absent only for `pull`. */
  localId: z.string().optional(),
  /** Known for update, void, link, pull; for a create it comes back from QuickBooks. */
  qboId: z.string().optional(),
  syncToken: z.string().optional(),
  /** The local version this op pushes (it becomes the mapping's syncedVersion). */
  version: z.number().int().optional(),
  /** Outbox rows this op settles. Empty for ops the plan added itself (a referenced contact never queued). */
  outboxSeqs: z.array(z.number().int()),
  /** Reused from a claimed outbox row: a resend must carry the same requestid so QuickBooks replays it. */
  requestId: z.string().optional(),
  /** The claimed batch this op was sent in before; the runner resends that batch as it was. */
  batchId: z.string().optional(),
  /**
   * Sent before with an unknown outcome, but its claimed batch cannot be resent as it was (its members depend
   * on each other): look the record up in QuickBooks (DisplayName, Name, DocNumber) before creating it again.
   */
  lookupFirst: z.boolean().optional(),
  /** An update that makes a contact or item inactive (QuickBooks never deletes name-list records). */
  deactivate: z.boolean().optional(),
  /** Records this op references; each is mapped already or created by an op in `dependsOn`. */
  refs: z.array(RecordRef),
  /** Ops that must succeed first (always in an earlier batch). */
  dependsOn: z.array(z.string()),
  /** Index into `SyncPlan.batches`; only QuickBooks writes have one. */
  batch: z.number().int().optional(),
  /** What the user recognises in the preview and the log: "Ann Lee", "Invoice 1042". */
  label: z.string(),
})
export type SyncOp = z.infer<typeof SyncOp>

export const SkipReason = z.enum([
  'draft', // invoices sync once finalized
  'jobs-off', // jobs sync only with the sub-customer setting on
  'up-to-date', // the mapping already holds this version
  'never-synced', // deleted before it ever reached QuickBooks: nothing to send
  'waiting-for-decision', // it, or a record it references, is in an ambiguous match
  'waiting-for-dependency', // a record it references cannot be sent yet
  'waiting-for-in-flight', // an earlier send of the same record is not settled yet
  'missing-record', // the outbox names a record that is not here
  'missing-reference', // it references a record that is not here
  'backoff', // retry time not reached
  'awaiting-approval', // manual export: an invoice or payment waits to be picked on the Export screen
])
export type SkipReason = z.infer<typeof SkipReason>

export const SkippedRecord = z.object({
  kind: SyncKind,
  localId: z.string(),
  reason: SkipReason,
  label: z.string(),
  outboxSeqs: z.array(z.number().int()),
  /** For dependency waits: the record waited for. */
  waitingFor: RecordRef.optional(),
})
export type SkippedRecord = z.infer<typeof SkippedRecord>

export const Decision = AmbiguousGroup.extend({ kind: SyncKind })
export type Decision = z.infer<typeof Decision>

/** The dry-run preview's counts: will link N, create M here, create K in QuickBooks, P need a decision. */
export const PlanCounts = z.object({
  link: z.number().int(),
  createHere: z.number().int(),
  createInQuickBooks: z.number().int(),
  update: z.number().int(),
  /** Voids, and payments deleted in QuickBooks: both take a transaction out of the books. */
  void: z.number().int(),
  needDecision: z.number().int(),
  skipped: z.number().int(),
})
export type PlanCounts = z.infer<typeof PlanCounts>

export const SyncPlan = z.object({
  /** Every op, in execution order (batch by batch; local-only ops first). */
  ops: z.array(SyncOp),
  /** Op ids per QuickBooks batch call, in order; at most `batchSize` each. */
  batches: z.array(z.array(z.string())),
  skipped: z.array(SkippedRecord),
  decisions: z.array(Decision),
  counts: PlanCounts,
})
export type SyncPlan = z.infer<typeof SyncPlan>

/** The local records plan reads (only the fields it needs, so callers may pass full records). */
export interface PlanRecords {
  contacts: readonly Pick<Contact, 'id' | 'version' | 'displayName' | 'deletedAt'>[]
  items: readonly Pick<Item, 'id' | 'version' | 'name' | 'deletedAt'>[]
  jobs?: readonly Pick<Job, 'id' | 'version' | 'name' | 'contactId' | 'deletedAt'>[]
  invoices: readonly (Pick<Invoice, 'id' | 'version' | 'number' | 'status' | 'contactId' | 'jobId' | 'deletedAt'> & {
    lines: readonly { itemId?: string | undefined }[]
  })[]
  payments: readonly (Pick<Payment, 'id' | 'version' | 'date' | 'contactId' | 'deletedAt'> & {
    applications: readonly { invoiceId: string }[]
  })[]
}

export interface PlanInput {
  records: PlanRecords
  outbox: readonly (Pick<
    OutboxRow,
    'seq' | 'kind' | 'localId' | 'version' | 'op' | 'requestId' | 'batchId' | 'nextAttemptAt'
  > & {
    /** Only its code is read: a row left at "Decide later" (`undecided`) waits for the user's answer. */
    lastError?: { code: string } | undefined
  })[]
  mappings: readonly Pick<Mapping, 'kind' | 'localId' | 'qboId' | 'syncToken' | 'syncedVersion' | 'status'>[]
  /** Matching results of an initial sync (or a re-match): links, create-here and decisions. */
  match?: { contacts?: MatchResult; items?: MatchResult; jobs?: MatchResult; invoices?: MatchResult }
  /**
   * Labels for QuickBooks records offered as "create here", keyed `kind:Id` (`contact:12`): QuickBooks ids are
   * unique per entity only, so Customer 12 and Item 12 are different records.
   */
  remoteLabels?: Readonly<Record<string, string>>
  settings: Pick<Settings, 'subCustomerJobs'> & Partial<Pick<Settings, 'exportMode'>>
  /**
   * Manual export: the invoices and payments picked to go in this run, keyed `kind:localId`. The others wait
   * (`awaiting-approval`) until they are picked; the contacts and items they need go with those that are.
   */
  approved?: ReadonlySet<string>
  /** Now, as an ISO timestamp: outbox rows whose nextAttemptAt is later wait. */
  now: string
  /** At most 30 (Intuit's batch limit); smaller is allowed. */
  batchSize?: number
}
