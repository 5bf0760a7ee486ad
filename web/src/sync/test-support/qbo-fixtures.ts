/**
 * Recorded QuickBooks answers (Intuit's docs, public API clients, the sandbox) the sync tests check against,
 * kept in the repository's one fixtures folder, `fixtures/qbo`, which the emulator's scenarios replay too. Sync
 * tests take them from here: one place to change if the files move.
 * @module
 */
import batchCreateFault610Fault5010Query from '#fixtures/qbo/batch/create-fault610-fault5010-query.qbo_api.json' with { type: 'json' }
import batchSample62406105010Query from '#fixtures/qbo/batch/sample-6240-610-5010-query.intuit-docs.json' with { type: 'json' }
import customerCreateResponse from '#fixtures/qbo/customer/create-response.nango.json' with { type: 'json' }
import customerQueryAllWithSubcustomersParentref from '#fixtures/qbo/customer/query-all-with-subcustomers-parentref.nango.json' with { type: 'json' }
import customerReadSample from '#fixtures/qbo/customer/read-sample.intuit-docs.json' with { type: 'json' }
import customerReadWithEmail from '#fixtures/qbo/customer/read-with-email.nango.json' with { type: 'json' }
import customerReadWithoutEmail from '#fixtures/qbo/customer/read-without-email.qbo_api.json' with { type: 'json' }
import faultAttachable6000BusinessValidation from '#fixtures/qbo/fault/attachable-6000-business-validation.qbo_api.json' with { type: 'json' }
import faultAuthentication3200401MalformedToken from '#fixtures/qbo/fault/authentication-3200-401-malformed-token.github-issue.json' with { type: 'json' }
import faultAuthentication3200401TokenExpired from '#fixtures/qbo/fault/authentication-3200-401-token-expired.qbo_api.json' with { type: 'json' }
import faultAuthorization3100403 from '#fixtures/qbo/fault/authorization-3100-403.github-issue.json' with { type: 'json' }
import faultValidation2010UnsupportedProperty from '#fixtures/qbo/fault/validation-2010-unsupported-property.qbo_api.json' with { type: 'json' }
import faultValidation2030InvalidIdNoTime from '#fixtures/qbo/fault/validation-2030-invalid-id-no-time.qbo_api.json' with { type: 'json' }
import faultValidation4001InvalidQuery from '#fixtures/qbo/fault/validation-4001-invalid-query.qbo_api.json' with { type: 'json' }
import faultValidation500UnsupportedOperation from '#fixtures/qbo/fault/validation-500-unsupported-operation.qbo_api.json' with { type: 'json' }
import faultValidation6240DuplicateNameCustomer from '#fixtures/qbo/fault/validation-6240-duplicate-name-customer.qbo_api.json' with { type: 'json' }
import invoiceCreateResponse from '#fixtures/qbo/invoice/create-response.nango.json' with { type: 'json' }
import invoiceQueryWithDiscountlineTaxlineLinkedtxn from '#fixtures/qbo/invoice/query-with-discountline-taxline-linkedtxn.nango.json' with { type: 'json' }
import invoiceReadTaxlineLinkedtxnEstimate from '#fixtures/qbo/invoice/read-taxline-linkedtxn-estimate.nango.json' with { type: 'json' }
import itemCreateService from '#fixtures/qbo/item/create-service.nango.json' with { type: 'json' }
import itemQueryServiceAndInventory from '#fixtures/qbo/item/query-service-and-inventory.nango.json' with { type: 'json' }
import itemReadService from '#fixtures/qbo/item/read-service.nango.json' with { type: 'json' }
import paymentCreateUnapplied from '#fixtures/qbo/payment/create-unapplied.nango.json' with { type: 'json' }
import paymentQueryLinkedToInvoices from '#fixtures/qbo/payment/query-linked-to-invoices.nango.json' with { type: 'json' }
import paymentReadUnapplied from '#fixtures/qbo/payment/read-unapplied.nango.json' with { type: 'json' }
import paymentUpdateLinkedToInvoiceLineex from '#fixtures/qbo/payment/update-linked-to-invoice-lineex.nango.json' with { type: 'json' }
import voidInvoiceReadBeforeVoid from '#fixtures/qbo/void/invoice-read-before-void.qbo_api.json' with { type: 'json' }
import voidInvoiceVoidResponse from '#fixtures/qbo/void/invoice-void-response.qbo_api.json' with { type: 'json' }

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
