/**
 * Finds the QuickBooks record a 6240 (duplicate name) names — from the initial sync's pull, else one read — so
 * the core can say its name and state. Names are shared with vendors and employees, which a Customer read does
 * not find: those rows keep the Id alone.
 * @module
 */
import { ENTITY_OF, nameTheClash } from '../core/index.ts'
import type { SyncFault, SyncOp } from '../core/index.ts'
import type { RunView } from './state.ts'

export async function withClashNamed(run: RunView, op: SyncOp, fault: SyncFault): Promise<SyncFault> {
  const id = fault.conflictingId
  if (fault.kind !== 'duplicate' || id === undefined) return fault
  const entity = ENTITY_OF[op.kind]
  const pulled = run.remote?.get(`${entity}:${id}`)
  if (pulled) return nameTheClash(op.kind, fault, pulled)
  const read = await run.gateway.read(entity, id)
  return nameTheClash(op.kind, fault, read.ok ? read.value : undefined)
}
