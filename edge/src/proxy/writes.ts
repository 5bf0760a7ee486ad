/**
 * The writes the app makes, the one rule for single calls and batch items alike: creates and updates
 * of every synced entity, the invoice's own void (a payment is voided by an update with
 * `include=void`). Nothing deletes: no feature of the app deletes in QuickBooks yet, and a stolen
 * session must not be able to erase the books.
 */
import type { ProxiedEntity } from '#shared/api/qbo-proxy.ts'

export type WriteOperation = 'create' | 'update' | 'void'

export function writeAllowed(entity: ProxiedEntity, operation: string): operation is WriteOperation {
  return operation === 'create' || operation === 'update' || (operation === 'void' && entity === 'invoice')
}
