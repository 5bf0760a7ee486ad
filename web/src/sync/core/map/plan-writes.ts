/**
 * Bodies for a whole plan, for a runner that wants them up front (the dry-run preview does not): each
 * QuickBooks op gets its write, with placeholders for records the same run creates first; ops whose record
 * cannot be mapped come back as failures to show as red rows instead of being sent.
 * @module
 */
import type { SyncKind } from '../../../../../shared/domain/index.ts'
import type { SyncOp, SyncPlan } from '../plan-types.ts'
import type { MapError, MapWarning } from './map-result.ts'
import { writeFor, type LocalRecord, type QboWrite, type RecordContext } from './request.ts'

export interface PlannedWrite { op: SyncOp; write: QboWrite | undefined; warnings: MapWarning[] }
export interface PlanWrites { writes: PlannedWrite[]; failures: { op: SyncOp; error: MapError }[] }

export function planWrites(plan: Pick<SyncPlan, 'ops'>, recordOf: (kind: SyncKind, localId: string) => LocalRecord | undefined,
  ctx: RecordContext, snapshotOf: (kind: SyncKind, localId: string) => Readonly<Record<string, unknown>> | undefined = () => undefined): PlanWrites {
  const out: PlanWrites = { writes: [], failures: [] }
  for (const op of plan.ops) {
    if (op.batch === undefined || op.localId === undefined) continue
    const record = recordOf(op.kind, op.localId)
    if (!record) {
      out.failures.push({ op, error: { kind: 'validation', field: 'record', message: `${op.label} is no longer here.` } })
      continue
    }
    const r = writeFor(op, record, ctx, snapshotOf(op.kind, op.localId))
    if (r.ok) out.writes.push({ op, write: r.value.value, warnings: r.value.warnings })
    else out.failures.push({ op, error: r.error })
  }
  return out
}
