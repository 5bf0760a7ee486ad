/** The writes the app makes, the one rule for single calls (`?operation=`) and batch items alike. */
import type { ProxiedEntity } from '#shared/api/qbo-proxy.ts'

export type WriteOperation = 'create' | 'update' | 'delete' | 'void'

/** Creates and updates of every synced entity; deletes and voids only of transactions. */
export function writeAllowed(entity: ProxiedEntity, operation: WriteOperation): boolean {
  return operation === 'create' || operation === 'update' || entity === 'invoice' || entity === 'payment'
}
