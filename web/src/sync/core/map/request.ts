/**
 * The QuickBooks write for one planned op: which entity, which operation, and the body — a full body for a
 * create, a sparse update of just the changed fields for an update (the previous body is rebuilt from the
 * mapping's snapshot), `Active: false` for a deactivation, and each entity's own void. Bodies may still hold
 * placeholders for records created earlier in the run; `resolveRefs` swaps in their Ids before sending.
 * @module
 */
import type { Address, Contact, Invoice, Item, Job, Payment, Settings, SyncKind } from '#shared/domain/index.ts'
import type { SyncOp } from '../plan-types.ts'
import { contactToCustomer } from './customer.ts'
import { invoiceToQbo } from './invoice.ts'
import { itemToQbo } from './item.ts'
import { jobToSubCustomer } from './job.ts'
import { mapError, mapped, type Mapped } from './map-result.ts'
import { paymentToQbo, withPaymentKey } from './payment.ts'
import { paymentDelete } from './payment-delete.ts'
import type { RefResolver } from './refs.ts'
import { sparseUpdate } from './sparse.ts'

export type QboEntityName = 'Customer' | 'Item' | 'Invoice' | 'Payment'

export const ENTITY_OF: Readonly<Record<SyncKind, QboEntityName>> = {
  contact: 'Customer',
  job: 'Customer',
  item: 'Item',
  invoice: 'Invoice',
  payment: 'Payment',
}

export interface RecordContext {
  ref: RefResolver
  settings: Pick<
    Settings,
    'defaultIncomeAccountId' | 'defaultExpenseAccountId' | 'depositAccountId' | 'subCustomerJobs'
  >
  /** The invoice's property address (its ship-to). */
  shipAddress?: Address | undefined
  freeTextItemQboId?: string | undefined
}

export type LocalRecord = Contact | Item | Invoice | Payment | Job
type Body = Record<string, unknown>

/** The full QuickBooks body of a local record. */
export function recordToQbo(kind: SyncKind, record: LocalRecord, ctx: RecordContext): Mapped<Body> {
  switch (kind) {
    case 'contact':
      return contactToCustomer(record as Contact)
    case 'job':
      return jobToSubCustomer(record as Job, ctx)
    case 'item':
      return itemToQbo(record as Item, ctx.settings)
    case 'invoice': {
      const inv = record as Invoice
      // The same rule as plan: with sub-customer jobs on, an invoice for a job is billed to the job.
      const customer =
        ctx.settings.subCustomerJobs && inv.jobId !== undefined
          ? { kind: 'job' as const, localId: inv.jobId }
          : { kind: 'contact' as const, localId: inv.contactId }
      return invoiceToQbo(inv, {
        ref: ctx.ref,
        customer,
        shipAddress: ctx.shipAddress,
        freeTextItemQboId: ctx.freeTextItemQboId,
      })
    }
    case 'payment':
      return paymentToQbo(record as Payment, { ref: ctx.ref, depositAccountId: ctx.settings.depositAccountId })
  }
}

export interface QboWrite {
  entity: QboEntityName
  /**
   * `void` exists only for invoices; a payment is voided by an update with `include=void`. `delete` is a
   * payment's `operation=delete` with its Id and SyncToken.
   */
  operation: 'create' | 'update' | 'void' | 'delete'
  /** Extra query parameters (`include=void`). */
  query?: Record<string, string>
  body: Body
  /** Intuit's batch takes create, update and delete only: a void goes on its own, and so does a delete. */
  batchable: boolean
}

/**
 * The write for `op`, or `undefined` for an update that changes nothing in QuickBooks (the runner settles it
 * as synced). `snapshot` is the mapping's last synced copy of the record.
 */
export function writeFor(
  op: SyncOp,
  record: LocalRecord,
  ctx: RecordContext,
  snapshot?: Readonly<Record<string, unknown>>,
): Mapped<QboWrite | undefined> {
  const entity = ENTITY_OF[op.kind]
  if (op.action === 'link' || op.action === 'pull')
    return mapError('action', `A ${op.action} op makes no QuickBooks write.`)
  const target =
    op.qboId === undefined || op.syncToken === undefined ? undefined : { Id: op.qboId, SyncToken: op.syncToken }

  if (op.action === 'void') {
    if (!target) return mapError('Id', 'Only a record already in QuickBooks can be voided there.')
    return op.kind === 'payment'
      ? mapped({
          entity,
          operation: 'update',
          query: { include: 'void' },
          body: { ...target, sparse: true },
          batchable: false,
        })
      : mapped({ entity, operation: 'void', body: { ...target }, batchable: false })
  }
  if (op.action === 'delete') return paymentDelete(op, target)
  if (op.action === 'update' && op.deactivate) {
    if (!target) return mapError('Id', 'Only a record already in QuickBooks can be made inactive there.')
    return mapped({ entity, operation: 'update', body: { ...target, sparse: true, Active: false }, batchable: true })
  }

  const next = recordToQbo(op.kind, record, ctx)
  if (!next.ok) return next
  if (op.action === 'create') {
    // A payment has nothing unique to find it by if the answer is lost: its create carries the app's key.
    const body = op.kind === 'payment' ? withPaymentKey(next.value.value, record.id) : next.value.value
    return mapped({ entity, operation: 'create', body, batchable: true }, next.value.warnings)
  }
  if (!target) return mapError('Id', "An update needs the record's QuickBooks Id and SyncToken.")
  // The body last sent, rebuilt from the snapshot; a snapshot the mapper cannot read means sending every field,
  // and so does an empty one (what QuickBooks holds is unknown: the mappers would read it as a record of nothing).
  // Only the envelope comes from the record: a field the snapshot lacks was empty then, not today's value.
  const envelope = { id: record.id, version: record.version, updatedAt: record.updatedAt }
  const known = snapshot !== undefined && Object.keys(snapshot).length > 0
  const previous = known ? recordToQbo(op.kind, { ...envelope, ...snapshot } as LocalRecord, ctx) : undefined
  const sparse = sparseUpdate(target, next.value.value, previous?.ok ? previous.value.value : undefined)
  return mapped(
    sparse === undefined ? undefined : { entity, operation: 'update', body: sparse, batchable: true },
    next.value.warnings,
  )
}
