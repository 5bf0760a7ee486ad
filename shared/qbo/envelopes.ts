import { z } from 'zod'
import { QboAccount } from './account.ts'
import { QboCompanyInfo } from './company-info.ts'
import { QboCustomer } from './customer.ts'
import { QboFault } from './fault.ts'
import { QboInvoice } from './invoice.ts'
import { QboItem } from './item.ts'
import { QboPayment } from './payment.ts'
import { QboDateTime, QboDeletedStub } from './ref.ts'

// Response and request envelopes. Entity kinds the app does not model (Vendor,
// Estimate, SalesReceipt, …) pass through unvalidated as extra keys.

/** `{ [key]: schema }` with the key's literal type kept, for building shapes. */
function keyed<K extends string, S extends z.ZodType>(key: K, schema: S): Record<K, S> {
  return { [key]: schema } as Record<K, S>
}

const time = QboDateTime.optional()
const paging = {
  startPosition: z.number().int().optional(),
  /** Rows in this page, not the requested page size. */
  maxResults: z.number().int().optional(),
  /** The only member of a `SELECT COUNT(*)` answer; do not page by it. */
  totalCount: z.number().int().optional(),
}

// --- single entity: {"Customer": {…}, "time": "…"} -------------------------------

export const QboCustomerResponse = z.looseObject({ ...keyed('Customer', QboCustomer), time })
export type QboCustomerResponse = z.infer<typeof QboCustomerResponse>
export const QboItemResponse = z.looseObject({ ...keyed('Item', QboItem), time })
export type QboItemResponse = z.infer<typeof QboItemResponse>
export const QboInvoiceResponse = z.looseObject({ ...keyed('Invoice', QboInvoice), time })
export type QboInvoiceResponse = z.infer<typeof QboInvoiceResponse>
export const QboPaymentResponse = z.looseObject({ ...keyed('Payment', QboPayment), time })
export type QboPaymentResponse = z.infer<typeof QboPaymentResponse>
export const QboAccountResponse = z.looseObject({ ...keyed('Account', QboAccount), time })
export type QboAccountResponse = z.infer<typeof QboAccountResponse>
export const QboCompanyInfoResponse = z.looseObject({ ...keyed('CompanyInfo', QboCompanyInfo), time })
export type QboCompanyInfoResponse = z.infer<typeof QboCompanyInfoResponse>

/** Answer to `?operation=delete` on a transaction: `{"Invoice": {"status": "Deleted", …}}`. */
export const QboInvoiceDeleteResponse = z.looseObject({ ...keyed('Invoice', QboDeletedStub), time })
export type QboInvoiceDeleteResponse = z.infer<typeof QboInvoiceDeleteResponse>
export const QboPaymentDeleteResponse = z.looseObject({ ...keyed('Payment', QboDeletedStub), time })
export type QboPaymentDeleteResponse = z.infer<typeof QboPaymentDeleteResponse>

// --- query -------------------------------------------------------------------------

/** No match leaves the entity key out (`"QueryResponse": {}`), so every array is optional. */
export const QboQueryResponseBody = z.looseObject({
  Customer: z.array(QboCustomer).optional(),
  Item: z.array(QboItem).optional(),
  Invoice: z.array(QboInvoice).optional(),
  Payment: z.array(QboPayment).optional(),
  Account: z.array(QboAccount).optional(),
  CompanyInfo: z.array(QboCompanyInfo).optional(),
  ...paging,
  /**
   * Not Intuit's: the envelope's `time` (QuickBooks' clock when it answered), lifted onto the body by the app's
   * gateway so a checkpoint can be taken from the read the data came from.
   */
  time,
})
export type QboQueryResponseBody = z.infer<typeof QboQueryResponseBody>

export const QboQueryResponse = z.looseObject({ QueryResponse: QboQueryResponseBody, time })
export type QboQueryResponse = z.infer<typeof QboQueryResponse>

// --- change data capture -------------------------------------------------------------

/** CDC returns full objects, or a stub for deleted ones; the stub is tried first. */
function changed<S extends z.ZodType>(schema: S) {
  return z.array(z.union([QboDeletedStub, schema])).optional()
}

export const QboCdcQueryResponse = z.looseObject({
  Customer: changed(QboCustomer),
  Item: changed(QboItem),
  Invoice: changed(QboInvoice),
  Payment: changed(QboPayment),
  Account: changed(QboAccount),
  ...paging,
})
export type QboCdcQueryResponse = z.infer<typeof QboCdcQueryResponse>

/** `{"CDCResponse": [{"QueryResponse": [{…per entity…}]}]}`; no changes gives `[{}]`. */
export const QboCdcResponse = z.looseObject({
  CDCResponse: z.array(z.looseObject({ QueryResponse: z.array(QboCdcQueryResponse).optional() })),
  time,
})
export type QboCdcResponse = z.infer<typeof QboCdcResponse>

// --- batch ---------------------------------------------------------------------------

export const QboBatchOperation = z.enum(['create', 'update', 'delete'])
export type QboBatchOperation = z.infer<typeof QboBatchOperation>

/** Batch ids may be at most 10 characters when the call carries a requestid. */
const bId = z.string().min(1)

// Request payloads are partial: creates carry no Id, sparse updates only changed fields.
const operationOn = <K extends string, S extends z.ZodType>(key: K, payload: S) =>
  z.looseObject({ bId, operation: QboBatchOperation, ...keyed(key, payload) })

export const QboBatchItemRequest = z.union([
  z.looseObject({ bId, Query: z.string().min(1) }),
  operationOn('Customer', QboCustomer.partial()),
  operationOn('Item', QboItem.partial()),
  operationOn('Invoice', QboInvoice.partial()),
  operationOn('Payment', QboPayment.partial()),
  operationOn('Account', QboAccount.partial()),
])
export type QboBatchItemRequest = z.infer<typeof QboBatchItemRequest>

export const QboBatchRequest = z.looseObject({ BatchItemRequest: z.array(QboBatchItemRequest).min(1) })
export type QboBatchRequest = z.infer<typeof QboBatchRequest>

/** One answer per request item, matched by `bId`: an entity, a query result, or a Fault. */
export const QboBatchItemResponse = z
  .looseObject({
    bId,
    Fault: QboFault.optional(),
    QueryResponse: QboQueryResponseBody.optional(),
    Customer: QboCustomer.optional(),
    Item: QboItem.optional(),
    Invoice: z.union([QboDeletedStub, QboInvoice]).optional(),
    Payment: z.union([QboDeletedStub, QboPayment]).optional(),
    Account: QboAccount.optional(),
  })
  .refine((item) => Object.keys(item).some((key) => key !== 'bId'), {
    message: 'a batch item response carries an entity, a QueryResponse or a Fault',
  })
export type QboBatchItemResponse = z.infer<typeof QboBatchItemResponse>

export const QboBatchResponse = z.looseObject({ BatchItemResponse: z.array(QboBatchItemResponse), time })
export type QboBatchResponse = z.infer<typeof QboBatchResponse>

// --- attachments -----------------------------------------------------------------------

/** Upload answers list one item per file, each an Attachable or a Fault. */
export const QboAttachableResponse = z.looseObject({
  AttachableResponse: z.array(z.looseObject({ Fault: QboFault.optional() })),
  time,
})
export type QboAttachableResponse = z.infer<typeof QboAttachableResponse>
