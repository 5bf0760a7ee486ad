/**
 * The rows of a write QuickBooks accepted: the mapping (Id, SyncToken, the snapshot of what was sent, the synced
 * version), the outbox rows it settles, and the log — one row, one per mapper warning, and the total-mismatch
 * warning when QuickBooks computed another invoice total.
 * @module
 */
import type { Invoice, Mapping } from '#shared/domain/index.ts'
import type { QboInvoice } from '#shared/qbo/index.ts'
import { compareTotals } from '../map/invoice.ts'
import type { MapWarning } from '../map/map-result.ts'
import type { SyncOp } from '../plan-types.ts'
import { clonePlain, fieldsOf } from './fields.ts'
import type { LogEntry, QboEntity, SentFrom, Settlement } from './types.ts'

const verbs = {
  create: 'Created in QuickBooks',
  update: 'Updated in QuickBooks',
  void: 'Voided in QuickBooks',
  delete: 'Deleted in QuickBooks',
  link: 'Linked',
  pull: 'Created here from QuickBooks',
} as const

export interface SuccessArgs {
  op: SyncOp
  entity: QboEntity
  record: object
  seqs: number[]
  realmId: string
  at: string
  previous: Mapping | undefined
  /** What was sent, when a request went out: the snapshot and synced version, rather than `record` as it is now. */
  sent?: SentFrom | undefined
  /** What the mapper changed to fit QuickBooks' rules (a name cut, an email left out): one warning row each. */
  warnings?: readonly MapWarning[] | undefined
  /** No call was needed: nothing QuickBooks holds changed. */
  unchanged?: boolean | undefined
}

export function successSettlement(args: SuccessArgs): Settlement {
  const { op, entity, record, seqs, realmId, at, sent } = args
  const qboId = String(entity.Id ?? op.qboId ?? args.previous?.qboId ?? '')
  const version = sent?.version ?? op.version ?? (record as { version: number }).version
  const mapping: Mapping = {
    kind: op.kind,
    localId: op.localId as Mapping['localId'],
    qboId: qboId as Mapping['qboId'],
    realmId,
    syncToken: String(entity.SyncToken ?? args.previous?.syncToken ?? '0') as Mapping['syncToken'],
    snapshot: sent ? clonePlain(sent.fields) : fieldsOf(record),
    syncedVersion: Math.max(version, args.previous?.syncedVersion ?? 0),
    // A payment deleted there has nothing left to link to: its link is retired, as a pull retires one.
    status: op.action === 'delete' ? 'unlinked' : 'synced',
    updatedAt: at,
  }
  const verb = args.unchanged
    ? 'Nothing to change in QuickBooks'
    : op.deactivate
      ? 'Made inactive in QuickBooks'
      : verbs[op.action]
  const row = { at, kind: op.kind, localId: mapping.localId, qboId, label: op.label, direction: 'push' } as const
  const log: LogEntry[] = [{ ...row, status: 'synced', details: `${verb} (Id ${qboId})` }]
  for (const w of args.warnings ?? []) log.push({ ...row, status: 'warning', details: `${w.field}: ${w.message}` })
  const mismatch = totalMismatch(op, entity, sent?.fields ?? record, at, qboId)
  if (mismatch) log.push(mismatch)
  return { mapping, doneSeqs: seqs, log }
}

const money = (cents: number) => (cents / 100).toFixed(2)

/**
 * QuickBooks computes its own TotalAmt; when it differs from ours the user sees both, with the lines and the tax
 * that differ. Payments are then held to QuickBooks' balance.
 */
function totalMismatch(op: SyncOp, entity: QboEntity, record: object, at: string, qboId: string): LogEntry | undefined {
  if (op.kind !== 'invoice' || (op.action !== 'create' && op.action !== 'update') || op.deactivate) return undefined
  if (typeof entity['TotalAmt'] !== 'number' || !Array.isArray(entity['Line'])) return undefined
  const inv = record as Invoice
  if (inv.status === 'void') return undefined
  const m = compareTotals(inv, entity as unknown as QboInvoice)
  if (!m) return undefined
  const parts = [`QuickBooks total ${money(m.theirs.total)} differs from Fieldsync total ${money(m.ours.total)}.`]
  if (m.theirs.tax !== m.ours.tax) parts.push(`Tax: here ${money(m.ours.tax)}, QuickBooks ${money(m.theirs.tax)}.`)
  for (const l of m.lines) {
    const theirs = l.theirs === undefined ? 'none' : money(l.theirs)
    parts.push(`Line ${l.line}: here ${money(l.ours)}, QuickBooks ${theirs}.`)
  }
  parts.push("Payments apply at most QuickBooks' balance.")
  return {
    at,
    kind: op.kind,
    localId: op.localId as LogEntry['localId'],
    qboId,
    label: op.label,
    direction: 'push',
    status: 'warning',
    details: parts.join(' '),
  }
}
