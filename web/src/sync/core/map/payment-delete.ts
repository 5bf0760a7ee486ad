/**
 * A payment deleted here and held in QuickBooks: `POST payment?operation=delete` with its Id and SyncToken
 * (docs/quickbooks.md §3.4). QuickBooks then puts the money back on the invoices it paid. Only payments are
 * deleted there: invoices are voided, and names are made inactive. Sent alone, like a void: the edge forwards a
 * delete as its own request, not as a batch item.
 * @module
 */
import type { SyncOp } from '../plan-types.ts'
import { mapError, mapped, type Mapped } from './map-result.ts'
import type { QboWrite } from './request.ts'

export function paymentDelete(
  op: Pick<SyncOp, 'kind'>,
  target: { Id: string; SyncToken: string } | undefined,
): Mapped<QboWrite> {
  if (op.kind !== 'payment') return mapError('action', 'Only payments are deleted in QuickBooks.')
  if (!target) return mapError('Id', 'Only a payment already in QuickBooks can be deleted there.')
  return mapped({ entity: 'Payment', operation: 'delete', body: { ...target }, batchable: false })
}
