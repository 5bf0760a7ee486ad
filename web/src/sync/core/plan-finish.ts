/**
 * The last step of `plan`: its lists in a stable order (so the same input gives the same plan, and the preview
 * reads the same each time) and the counts the preview shows.
 * @module
 */
import type { Decision, PlanCounts, SkippedRecord, SyncOp, SyncPlan } from './plan-types.ts'
import { cmp, KIND_ORDER } from './plan-records.ts'

export interface PlanParts {
  /** Link and create-here ops, done on this device without a call. */
  localOps: SyncOp[]
  /** QuickBooks writes in dependency order, and their batches. */
  ordered: SyncOp[]
  batches: string[][]
  skipped: SkippedRecord[]
  decisions: Decision[]
}

export function finishPlan({ localOps, ordered, batches, skipped, decisions }: PlanParts): SyncPlan {
  localOps.sort((a, b) => cmp(a.action, b.action) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.id, b.id))
  skipped.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.localId, b.localId) || cmp(a.reason, b.reason),
  )
  decisions.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.reason, b.reason) || cmp(a.key, b.key))

  const counts: PlanCounts = {
    link: 0,
    createHere: 0,
    createInQuickBooks: 0,
    update: 0,
    void: 0,
    needDecision: decisions.length,
    skipped: skipped.length,
  }
  for (const o of localOps) {
    if (o.action === 'link') counts.link++
    else counts.createHere++
  }
  for (const o of ordered) {
    if (o.action === 'create') counts.createInQuickBooks++
    else if (o.action === 'update') counts.update++
    else if (o.action === 'void' || o.action === 'delete') counts.void++
  }
  return { ops: [...localOps, ...ordered], batches, skipped, decisions, counts }
}
