// Public surface of the QuickBooks wire schemas. Each schema is exported with its
// inferred type under the same name.

export {
  QboRef,
  QboMetaData,
  QboPhysicalAddress,
  QboEmailAddress,
  QboTelephoneNumber,
  QboWebSiteAddress,
  QboMemoRef,
  QboCustomField,
  QboLinkedTxn,
  QboDate,
  QboDateTime,
  QboDeletedStub,
} from './ref.ts'
export { QboCustomer } from './customer.ts'
export { QboItem, QboItemType } from './item.ts'
export { QboAccount, QboAccountType, QboAccountClassification } from './account.ts'
export { QboCompanyInfo, QboNameValue } from './company-info.ts'
export {
  QboInvoiceLine,
  QboSalesItemLine,
  QboSalesItemLineDetail,
  QboSubTotalLine,
  QboDiscountLine,
  QboGroupLine,
  QboDescriptionOnlyLine,
  QboTaxLine,
  QboTxnTaxDetail,
} from './invoice-line.ts'
export { QboInvoice, QboEmailStatus, QboPrintStatus, QboGlobalTaxCalculation } from './invoice.ts'
export { QboPayment, QboPaymentLine } from './payment.ts'
export {
  QboFault,
  QboFaultError,
  QboFaultResponse,
  QboGatewayFaultResponse,
  QBO_FAULTS,
  faultOf,
  faultCodeInfo,
  sameFaultCode,
} from './fault.ts'
export type { QboFaultCodeInfo, QboFaultName } from './fault.ts'
export {
  QboCustomerResponse,
  QboItemResponse,
  QboInvoiceResponse,
  QboPaymentResponse,
  QboAccountResponse,
  QboCompanyInfoResponse,
  QboInvoiceDeleteResponse,
  QboPaymentDeleteResponse,
  QboQueryResponse,
  QboQueryResponseBody,
  QboCdcResponse,
  QboCdcQueryResponse,
  QboBatchOperation,
  QboBatchItemRequest,
  QboBatchRequest,
  QboBatchItemResponse,
  QboBatchResponse,
  QboAttachableResponse,
} from './envelopes.ts'
export { QboTokenResponse, QboTokenError, QboOpenIdDiscovery } from './oauth.ts'
export {
  QboWebhookNotification,
  QboWebhookEntityChange,
  QboCloudEvent,
  QboCloudEventBatch,
  QBO_WEBHOOK_OPERATIONS,
  cloudEventKind,
} from './webhook.ts'
