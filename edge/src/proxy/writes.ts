/**
 * The writes the app makes, the one rule for single calls and batch items alike: creates and updates
 * of every synced entity, the invoice's own void (a payment is voided by an update with
 * `include=void`). The one delete is a payment's, on its own call only (never in a batch) and with a
 * body of just `{Id, SyncToken}`: an invoice, customer or item is never erased from the books.
 */
import type { ProxiedEntity } from '#shared/api/qbo-proxy.ts'

export type WriteOperation = 'create' | 'update' | 'void' | 'delete'

export function writeAllowed(entity: ProxiedEntity, operation: string): operation is WriteOperation {
  return operation === 'create' || operation === 'update' || (operation === 'void' && entity === 'invoice')
}

/** A single call (not a batch item) may also delete a payment. */
export function singleWriteAllowed(entity: ProxiedEntity, operation: string): operation is WriteOperation {
  return writeAllowed(entity, operation) || (operation === 'delete' && entity === 'payment')
}
