/**
 * Pure builders for what the runner commits after a call: the mapping, the outbox change and the log rows of one
 * result. Kept apart from the runner so each outcome's rows can be read (and tested) in one place.
 * @module
 */
import type { Invoice, Mapping, SentRequest, SyncError, SyncKind } from '../../../shared/domain/index.ts'
import type { QboInvoice } from '../../../shared/qbo/index.ts'
import { compareTotals } from './core/index.ts'
import type { MapWarning } from './core/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import type { LogEntry, QboEntity, Settlement } from './ports.ts'

/** A record as the merge base stores it: its fields without the envelope that changes on every write. */
export function fieldsOf(record: object): Record<string, unknown> {
  const { id: _i, version: _v, updatedAt: _u, ...rest } = record as Record<string, unknown>
  return structuredClone(rest)
}

const verbs = { create: 'Created in QuickBooks', update: 'Updated in QuickBooks', void: 'Voided in QuickBooks', link: 'Linked', pull: 'Created here from QuickBooks' } as const

/** The record a request was built from: what QuickBooks holds once it answers, whatever the record became since. */
export type SentFrom = Pick<SentRequest, 'fields' | 'version'>

export function successSettlement(args: {
  op: SyncOp; entity: QboEntity; record: object; seqs: number[]; realmId: string; at: string; previous: Mapping | undefined
  /** What was sent, when a request went out: the snapshot and synced version, rather than `record` as it is now. */
  sent?: SentFrom | undefined
  /** What the mapper changed to fit QuickBooks' rules (a name cut, an email left out): one warning row each. */
  warnings?: readonly MapWarning[]
  /** No call was needed: nothing QuickBooks holds changed. */
  unchanged?: boolean
}): Settlement {
  const { op, entity, record, seqs, realmId, at, sent } = args
  const qboId = String(entity.Id ?? op.qboId ?? args.previous?.qboId ?? '')
  const mapping: Mapping = {
    kind: op.kind, localId: op.localId as Mapping['localId'], qboId: qboId as Mapping['qboId'], realmId,
    syncToken: String(entity.SyncToken ?? args.previous?.syncToken ?? '0') as Mapping['syncToken'],
    snapshot: sent ? structuredClone(sent.fields) : fieldsOf(record),
    syncedVersion: Math.max(sent?.version ?? op.version ?? (record as { version: number }).version, args.previous?.syncedVersion ?? 0),
    status: 'synced', updatedAt: at,
  }
  const verb = args.unchanged ? 'Nothing to change in QuickBooks' : op.deactivate ? 'Made inactive in QuickBooks' : verbs[op.action]
  const log: LogEntry[] = [{ at, kind: op.kind, localId: mapping.localId, qboId, label: op.label, direction: 'push', status: 'synced', details: `${verb} (Id ${qboId})` }]
  for (const w of args.warnings ?? []) {
    log.push({ at, kind: op.kind, localId: mapping.localId, qboId, label: op.label, direction: 'push', status: 'warning', details: `${w.field}: ${w.message}` })
  }
  const mismatch = totalMismatch(op, entity, sent?.fields ?? record, at, qboId)
  if (mismatch) log.push(mismatch)
  return { mapping, doneSeqs: seqs, log }
}

const money = (cents: number) => (cents / 100).toFixed(2)

/**
 * QuickBooks computes its own TotalAmt; when it differs from ours the user sees both, with the lines and the tax
 * that differ (design.md's "invoice total mismatch"). Payments are then held to QuickBooks' balance.
 */
function totalMismatch(op: SyncOp, entity: QboEntity, record: object, at: string, qboId: string): LogEntry | undefined {
  if (op.kind !== 'invoice' || op.action === 'void' || op.deactivate || typeof entity['TotalAmt'] !== 'number' || !Array.isArray(entity['Line'])) return undefined
  const inv = record as Invoice
  if (inv.status === 'void') return undefined
  const m = compareTotals(inv, entity as unknown as QboInvoice)
  if (!m) return undefined
  const parts = [`QuickBooks total ${money(m.theirs.total)} differs from Fieldsync total ${money(m.ours.total)}.`]
  if (m.theirs.tax !== m.ours.tax) parts.push(`Tax: here ${money(m.ours.tax)}, QuickBooks ${money(m.theirs.tax)}.`)
  for (const l of m.lines) parts.push(`Line ${l.line}: here ${money(l.ours)}, QuickBooks ${l.theirs === undefined ? 'none' : money(l.theirs)}.`)
  parts.push("Payments apply at most QuickBooks' balance.")
  return { at, kind: op.kind, localId: op.localId as LogEntry['localId'], qboId, label: op.label, direction: 'push', status: 'warning', details: parts.join(' ') }
}

export function failureSettlement(args: {
  op: SyncOp; fault: SyncFault; seqs: number[]; attempts: number; at: string; release: boolean; nextAttemptAt?: string | undefined
  previous: Mapping | undefined
}): Settlement {
  const { op, fault, at } = args
  // The field is kept so the record's row can send the user where it is fixed (Settings for an account).
  const error: SyncError = { code: fault.code, message: fault.userMessage, at, ...(fault.field === undefined ? {} : { field: fault.field }) }
  const named = fault.conflictingId !== undefined && fault.userMessage.includes(`(Id ${fault.conflictingId})`)
  const details = [fault.userMessage, fault.conflictingId && !named ? `The QuickBooks record with Id ${fault.conflictingId} has this name.` : undefined,
    fault.field ? `Field: ${fault.field}.` : undefined].filter(Boolean).join(' ')
  return {
    mapping: args.previous ? { ...args.previous, status: 'error', lastError: error } : undefined,
    doneSeqs: [],
    failed: { seqs: args.seqs, error, attempts: args.attempts, nextAttemptAt: args.nextAttemptAt, release: args.release },
    // Throttling is the edge's and the engine's business, never the user's; other retryable faults are news, not errors.
    // A duplicate's row carries the clashing record's Id when this one has none yet: it is what "link" links to.
    log: fault.kind === 'rateLimit' ? [] : [{ at, kind: op.kind, localId: op.localId as LogEntry['localId'], qboId: args.previous?.qboId ?? fault.conflictingId, label: op.label, direction: 'push',
      status: fault.retryable ? 'info' : 'error', details: fault.retryable ? `${details} Waiting to try again.` : details }],
  }
}

/**
 * The mapping and log row of a link. `snapshot` is what QuickBooks holds, as local fields, when it is known (a
 * matched customer or item): the next update then sends just the fields where this device differs. A create
 * found again after a lost answer holds what was sent (`sent`); without either, the record's own fields stand in.
 */
export function linkSettlement(args: { kind: SyncKind; localId: string; label: string; entity: QboEntity; record: object; realmId: string; at: string; via?: string
  snapshot?: Record<string, unknown> | undefined; sent?: SentFrom | undefined }): Settlement {
  const qboId = String(args.entity.Id)
  const mapping: Mapping = {
    kind: args.kind, localId: args.localId as Mapping['localId'], qboId: qboId as Mapping['qboId'], realmId: args.realmId,
    syncToken: String(args.entity.SyncToken ?? '0') as Mapping['syncToken'],
    snapshot: args.snapshot ?? (args.sent ? structuredClone(args.sent.fields) : fieldsOf(args.record)),
    syncedVersion: args.sent?.version ?? (args.record as { version: number }).version, status: 'synced', updatedAt: args.at,
  }
  return { mapping, doneSeqs: [], log: [{ at: args.at, kind: args.kind, localId: mapping.localId, qboId, label: args.label, direction: 'none', status: 'matched',
    details: `Linked to QuickBooks ${args.kind} ${qboId}${args.via ? ` (same ${args.via})` : ''}` }] }
}
