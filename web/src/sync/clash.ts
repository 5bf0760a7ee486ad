/**
 * A 6240 (duplicate name) row names the QuickBooks record that holds the name, so the user can rename this one
 * or link it to that one (design.md). Intuit's fault gives only its Id; the name and whether it is inactive come
 * from the initial sync's pull, else from one read. Names are shared with vendors and employees, which a
 * Customer read does not find: those rows keep the Id alone.
 * @module
 */
import { ENTITY_OF } from './core/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import type { QboEntity } from './ports.ts'
import type { Ctx } from './run-context.ts'

const noun = { contact: ['customer', 'contact'], job: ['customer', 'job'], item: ['item', 'item'], invoice: ['invoice', 'invoice'], payment: ['payment', 'payment'] } as const

/** The clashing record's name and state in plain words, for a fault QuickBooks answered with 6240. */
export async function nameTheClash(ctx: Ctx, op: SyncOp, fault: SyncFault): Promise<SyncFault> {
  const id = fault.conflictingId
  if (fault.kind !== 'duplicate' || id === undefined) return fault
  const entity = ENTITY_OF[op.kind]
  let clash: QboEntity | undefined = ctx.remote?.get(`${entity}:${id}`)
  if (!clash) {
    const read = await ctx.gateway.read(entity, id)
    clash = read.ok ? read.value : undefined
  }
  const name = clash ? String(clash['DisplayName'] ?? clash['Name'] ?? '') : ''
  if (!clash || name === '') return fault
  const [theirs, ours] = noun[op.kind]
  const inactive = clash['Active'] === false
  return {
    ...fault,
    userMessage: `QuickBooks already has ${inactive ? 'an inactive' : 'a'} ${theirs} named "${name}" (Id ${id}). `
      + `Rename this ${ours}, or link it to that ${theirs}${inactive ? ', which makes it active again' : ''}.`,
  }
}
