/**
 * A 6240 (duplicate name) row names the QuickBooks record that holds the name, so the user can rename this one
 * or link it to that one. Intuit's fault gives only its Id; the runner finds the record (from the initial sync's
 * pull, else one read) and this says it in plain words.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'
import type { SyncFault } from './fault-types.ts'
import type { QboEntity } from './settle/types.ts'

const noun = {
  contact: ['customer', 'contact'],
  job: ['customer', 'job'],
  item: ['item', 'item'],
  invoice: ['invoice', 'invoice'],
  payment: ['payment', 'payment'],
} as const

/** The fault with the clashing record's name and state, or as it was when `clash` has no name. */
export function nameTheClash(kind: SyncKind, fault: SyncFault, clash: QboEntity | undefined): SyncFault {
  const id = fault.conflictingId
  const name = clash ? String(clash['DisplayName'] ?? clash['Name'] ?? '') : ''
  if (id === undefined || !clash || name === '') return fault
  const [theirs, ours] = noun[kind]
  const inactive = clash['Active'] === false
  return {
    ...fault,
    userMessage:
      `QuickBooks already has ${inactive ? 'an inactive' : 'a'} ${theirs} named "${name}" (Id ${id}). ` +
      `Rename this ${ours}, or link it to that ${theirs}${inactive ? ', which makes it active again' : ''}.`,
  }
}
