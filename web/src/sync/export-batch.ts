/**
 * Manual export: which finalized invoices and payments wait for approval, and sending the ones picked as one batch
 * with the contacts and items they need (and nothing else: other queued changes keep the schedule). Each record's
 * row in the sync log says whether it went or why not; one row sums the batch up.
 * @module
 */
import { plan, recordKey, type SyncPlan } from './core/index.ts'
import type { LocalSnapshot } from './ports.ts'
import { planInputOf, push, type PushOptions } from './push.ts'
import type { RunnerDeps, RunSummary } from './runner/index.ts'

export type ExportKind = 'invoice' | 'payment'
export type ExportPick = { kind: ExportKind; localId: string }

/** One line of the Export screen. */
export interface WaitingExport extends ExportPick {
  label: string
  /** The invoice's issue date or the payment's date (YYYY-MM-DD). */
  date: string
  /** Cents. */
  amount: number
  contact: string
  /** Why the last send of it failed, when one did. */
  error?: string
}

export const EXPORT_LOG_LABEL = 'Export to QuickBooks'

/** The invoices and payments a plan holds back for approval, newest first. */
export function waitingForExport(snap: LocalSnapshot, nowMs: number): WaitingExport[] {
  const p = plan({ ...planInputOf(snap, nowMs), settings: { ...snap.settings, exportMode: 'manual' } })
  const contacts = new Map(snap.records.contacts.map((c) => [c.id as string, c.displayName]))
  const invoices = new Map(snap.records.invoices.map((i) => [i.id as string, i]))
  const payments = new Map(snap.records.payments.map((x) => [x.id as string, x]))
  const errors = new Map(
    snap.outbox.filter((r) => r.lastError).map((r) => [recordKey(r.kind, r.localId), r.lastError!]),
  )
  const out: WaitingExport[] = []
  for (const s of p.skipped) {
    if (s.reason !== 'awaiting-approval') continue
    const error = errors.get(recordKey(s.kind, s.localId))?.message
    const base = { localId: s.localId, label: s.label, ...(error === undefined ? {} : { error }) }
    const inv = s.kind === 'invoice' ? invoices.get(s.localId) : undefined
    if (inv)
      out.push({
        ...base,
        kind: 'invoice',
        date: inv.issueDate,
        amount: inv.total,
        contact: contacts.get(inv.contactId) ?? '',
      })
    const pay = s.kind === 'payment' ? payments.get(s.localId) : undefined
    if (pay)
      out.push({
        ...base,
        kind: 'payment',
        date: pay.date,
        amount: pay.amount,
        contact: contacts.get(pay.contactId) ?? '',
      })
  }
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.label.localeCompare(b.label))
}

/** The plan narrowed to the picked records' ops and every op they depend on. */
export function onlyPicked(whole: SyncPlan, picked: ReadonlySet<string>): SyncPlan {
  return narrowPlan(whole, (op) => op.localId !== undefined && picked.has(`${op.kind}:${op.localId}`))
}

/**
 * Only the sends a crash or a reload cut short (claimed: sent once, answer unknown), with what they need: finishing
 * a send already made is not a new one, so it goes whatever the schedule.
 */
export function onlyResumed(whole: SyncPlan): SyncPlan {
  return narrowPlan(whole, (op) => op.requestId !== undefined || op.batchId !== undefined)
}

function narrowPlan(whole: SyncPlan, wanted: (op: SyncPlan['ops'][number]) => boolean): SyncPlan {
  const byId = new Map(whole.ops.map((op) => [op.id, op]))
  const keep = new Set<string>()
  const visit = (id: string) => {
    if (keep.has(id)) return
    keep.add(id)
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d)
  }
  for (const op of whole.ops) if (wanted(op)) visit(op.id)
  const batches = whole.batches.map((b) => b.filter((id) => keep.has(id))).filter((b) => b.length > 0)
  const ops = whole.ops.filter((op) => keep.has(op.id))
  const batchOf = new Map(batches.flatMap((b, i) => b.map((id) => [id, i] as const)))
  return {
    ...whole,
    ops: ops.map((op) => (batchOf.has(op.id) ? { ...op, batch: batchOf.get(op.id)! } : op)),
    batches,
    skipped: [],
  }
}

/** Sends the picked invoices and payments (a payment takes the invoices it pays along) as one batch. */
export async function exportBatch(
  deps: RunnerDeps,
  picks: readonly ExportPick[],
  opts: Pick<PushOptions, 'usualAccounts'> = {},
): Promise<RunSummary> {
  const snap = await deps.store.snapshot()
  const approved = new Set(picks.map((p) => `${p.kind}:${p.localId}`))
  for (const pay of snap.records.payments)
    if (approved.has(`payment:${pay.id}`)) for (const a of pay.applications) approved.add(`invoice:${a.invoiceId}`)
  const { summary } = await push(deps, { ...opts, approved, only: (p) => onlyPicked(p, approved) })
  const at = new Date(deps.clock.now()).toISOString()
  const details = `${picks.length} picked: ${summary.synced} sent (with the contacts and items they need), ${summary.failed} failed.`
  const status = summary.failed > 0 ? ('error' as const) : ('info' as const)
  await deps.store.log([{ at, label: EXPORT_LOG_LABEL, direction: 'push', status, details }])
  return summary
}
