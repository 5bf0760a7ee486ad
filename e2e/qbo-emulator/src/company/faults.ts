/**
 * Intuit's fault bodies for the Accounting API rules the emulator enforces. Codes, messages and
 * HTTP statuses come from shared/qbo's fault table (the one the sync engine reads); details follow
 * Intuit's error-code and common-errors pages (qbo-api.md §9) and the captured faults in
 * e2e/fixtures/qbo/fault and batch/.
 */
import type { Fault, FaultType } from './result.ts'
import type { QboFaultCodeInfo } from '../../../../shared/qbo/fault.ts'
import { QBO_FAULTS } from '../../../../shared/qbo/fault.ts'

function fault(info: QboFaultCodeInfo, detail: string, element = ''): Fault {
  return { kind: 'fault', status: info.httpStatus, type: info.type as FaultType, errors: [{ code: info.code, message: info.message, detail, element }] }
}

const business = (detail: string, element = '') => fault(QBO_FAULTS.businessValidation, `Business Validation Error: ${detail}`, element)

export const faults = {
  stale: (): Fault =>
    fault(QBO_FAULTS.staleObject, 'Stale Object Error : You and Bookkeeper were working on this at the same time. Bookkeeper finished before you did, so your work was not saved.'),

  /** Current QuickBooks names the record that already holds the name as `Id=<n>`. */
  duplicateName: (existingId: string): Fault => fault(QBO_FAULTS.duplicateName, `The name supplied already exists. : Id=${existingId}`),

  duplicateDocNumber: (docNumber: string): Fault =>
    fault(QBO_FAULTS.duplicateDocNumber, `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice`, 'DocNumber'),

  inactiveReference: (element: string): Fault =>
    fault(QBO_FAULTS.objectNotFound, "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", element),

  deletedTransaction: (element = ''): Fault => fault(QBO_FAULTS.objectNotFound, 'Object Not Found : Another user has deleted this transaction.', element),

  invalidReference: (element: string, id: string, entity: string): Fault =>
    fault(QBO_FAULTS.invalidReference, `Invalid Reference Id : ${entity} with Id ${id} does not exist in this company`, element),

  notFound: (entity: string, id: string): Fault =>
    fault(QBO_FAULTS.objectNotFound, `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entity} Id=${id}`),

  required: (element: string, what = element): Fault => fault(QBO_FAULTS.requiredParamMissing, `Required parameter ${what} is missing in the request`, element),

  length: (element: string, max: number, supplied: number): Fault =>
    fault(QBO_FAULTS.stringTooLong, `String length specified does not match the supported length. Min:1 Max:${max} supplied length:${supplied}`, element),

  invalidChars: (element: string): Fault => business(`${element} cannot contain a colon (:), tab or newline.`, element),

  business,

  invalidEmail: (element: string, value: string): Fault =>
    business(`Email Address does not conform to the syntax rules of RFC 822. Supplied value:${value}`, element),

  invalidEnum: (element: string, value: string): Fault => fault(QBO_FAULTS.invalidEnumeration, `Invalid Enumeration : ${value}`, element),

  unsupportedProperty: (name: string, entity: string): Fault =>
    fault(QBO_FAULTS.unsupportedProperty, `Property Name:Unrecognized field "${name}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable specified is unsupported or invalid`),

  invalidId: (value: string): Fault => fault(QBO_FAULTS.invalidId, `Id should be a valid number. Supplied value:${value}`, 'Id'),

  invalidNumber: (element: string, value: unknown): Fault =>
    fault(QBO_FAULTS.unsupportedProperty, `Property Name:${element} specified is unsupported or invalid. Supplied value:${String(value)}`, element),

  queryParse: (detail: string): Fault => fault(QBO_FAULTS.queryParserError, `QueryParserError: ${detail}`),

  queryValidation: (detail: string): Fault => fault(QBO_FAULTS.invalidQuery, `QueryValidationError: ${detail}`),

  unsupportedOperation: (detail: string): Fault => fault(QBO_FAULTS.unsupportedOperation, `Operation ${detail} is not supported.`),

  requestIdTooLong: (max: number): Fault => business(`requestid must not be longer than ${max} characters.`, 'requestid'),

  batchTooLarge: (count: number, max: number): Fault => business(`The number of batch items (${count}) exceeds the maximum of ${max}.`),

  malformedJson: (detail: string): Fault => fault(QBO_FAULTS.unsupportedProperty, `Property Name:Can not parse request body: ${detail} specified is unsupported or invalid`),

  unknownRealm: (realmId: string): Fault => fault(QBO_FAULTS.authorizationFailed, `Company ${realmId} is not known to this server`),

  /** Sent with HTTP 200, as Intuit has been seen to (qbo-api.md §9.3), not the table's 400. */
  invalidCompanyStatus: (): Fault => ({ ...fault(QBO_FAULTS.invalidCompanyStatus, 'Subscription period has ended or canceled or there was a billing problem'), status: 200 }),
}
