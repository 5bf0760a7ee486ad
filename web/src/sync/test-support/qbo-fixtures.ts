/**
 * Recorded QuickBooks answers (Intuit's docs, public API clients, the sandbox) the sync tests check against,
 * kept with the emulator in `e2e/fixtures/qbo` (its scenarios replay the same files). Tests take them from here,
 * never from `e2e/` directly: one place to change if the files move.
 * @module
 */
import batchCreateFault610Fault5010Query from
  '#e2e/fixtures/qbo/batch/create-fault610-fault5010-query.qbo_api.json' with { type: 'json' }
import batchSample62406105010Query from
  '#e2e/fixtures/qbo/batch/sample-6240-610-5010-query.intuit-docs.json' with { type: 'json' }
import customerCreateResponse from
  '#e2e/fixtures/qbo/customer/create-response.nango.json' with { type: 'json' }
import customerQueryAllWithSubcustomersParentref from
  '#e2e/fixtures/qbo/customer/query-all-with-subcustomers-parentref.nango.json' with { type: 'json' }
import customerReadSample from
  '#e2e/fixtures/qbo/customer/read-sample.intuit-docs.json' with { type: 'json' }
import customerReadWithEmail from
  '#e2e/fixtures/qbo/customer/read-with-email.nango.json' with { type: 'json' }
import customerReadWithoutEmail from
  '#e2e/fixtures/qbo/customer/read-without-email.qbo_api.json' with { type: 'json' }
import faultAttachable6000BusinessValidation from
  '#e2e/fixtures/qbo/fault/attachable-6000-business-validation.qbo_api.json' with { type: 'json' }
import faultAuthentication3200401MalformedToken from
  '#e2e/fixtures/qbo/fault/authentication-3200-401-malformed-token.github-issue.json' with { type: 'json' }
import faultAuthentication3200401TokenExpired from
  '#e2e/fixtures/qbo/fault/authentication-3200-401-token-expired.qbo_api.json' with { type: 'json' }
import faultAuthorization3100403 from
  '#e2e/fixtures/qbo/fault/authorization-3100-403.github-issue.json' with { type: 'json' }
import faultValidation2010UnsupportedProperty from
  '#e2e/fixtures/qbo/fault/validation-2010-unsupported-property.qbo_api.json' with { type: 'json' }
import faultValidation2030InvalidIdNoTime from
  '#e2e/fixtures/qbo/fault/validation-2030-invalid-id-no-time.qbo_api.json' with { type: 'json' }
import faultValidation4001InvalidQuery from
  '#e2e/fixtures/qbo/fault/validation-4001-invalid-query.qbo_api.json' with { type: 'json' }
import faultValidation500UnsupportedOperation from
  '#e2e/fixtures/qbo/fault/validation-500-unsupported-operation.qbo_api.json' with { type: 'json' }
import faultValidation6240DuplicateNameCustomer from
  '#e2e/fixtures/qbo/fault/validation-6240-duplicate-name-customer.qbo_api.json' with { type: 'json' }
import invoiceCreateResponse from
  '#e2e/fixtures/qbo/invoice/create-response.nango.json' with { type: 'json' }
import invoiceQueryWithDiscountlineTaxlineLinkedtxn from
  '#e2e/fixtures/qbo/invoice/query-with-discountline-taxline-linkedtxn.nango.json' with { type: 'json' }
import invoiceReadTaxlineLinkedtxnEstimate from
  '#e2e/fixtures/qbo/invoice/read-taxline-linkedtxn-estimate.nango.json' with { type: 'json' }
import itemCreateService from
  '#e2e/fixtures/qbo/item/create-service.nango.json' with { type: 'json' }
import itemQueryServiceAndInventory from
  '#e2e/fixtures/qbo/item/query-service-and-inventory.nango.json' with { type: 'json' }
import itemReadService from
  '#e2e/fixtures/qbo/item/read-service.nango.json' with { type: 'json' }
import paymentCreateUnapplied from
  '#e2e/fixtures/qbo/payment/create-unapplied.nango.json' with { type: 'json' }
import paymentQueryLinkedToInvoices from
  '#e2e/fixtures/qbo/payment/query-linked-to-invoices.nango.json' with { type: 'json' }
import paymentReadUnapplied from
  '#e2e/fixtures/qbo/payment/read-unapplied.nango.json' with { type: 'json' }
import paymentUpdateLinkedToInvoiceLineex from
  '#e2e/fixtures/qbo/payment/update-linked-to-invoice-lineex.nango.json' with { type: 'json' }
import voidInvoiceReadBeforeVoid from
  '#e2e/fixtures/qbo/void/invoice-read-before-void.qbo_api.json' with { type: 'json' }
import voidInvoiceVoidResponse from
  '#e2e/fixtures/qbo/void/invoice-void-response.qbo_api.json' with { type: 'json' }

export {
  batchCreateFault610Fault5010Query,
  batchSample62406105010Query,
  customerCreateResponse,
  customerQueryAllWithSubcustomersParentref,
  customerReadSample,
  customerReadWithEmail,
  customerReadWithoutEmail,
  faultAttachable6000BusinessValidation,
  faultAuthentication3200401MalformedToken,
  faultAuthentication3200401TokenExpired,
  faultAuthorization3100403,
  faultValidation2010UnsupportedProperty,
  faultValidation2030InvalidIdNoTime,
  faultValidation4001InvalidQuery,
  faultValidation500UnsupportedOperation,
  faultValidation6240DuplicateNameCustomer,
  invoiceCreateResponse,
  invoiceQueryWithDiscountlineTaxlineLinkedtxn,
  invoiceReadTaxlineLinkedtxnEstimate,
  itemCreateService,
  itemQueryServiceAndInventory,
  itemReadService,
  paymentCreateUnapplied,
  paymentQueryLinkedToInvoices,
  paymentReadUnapplied,
  paymentUpdateLinkedToInvoiceLineex,
  voidInvoiceReadBeforeVoid,
  voidInvoiceVoidResponse,
}
