/**
 * Intuit's fault bodies for the Accounting API rules the emulator enforces. Codes, messages and
 * HTTP statuses come from the emulator's fault table (../fault-codes.ts); details follow
 * Intuit's error-code and common-errors pages (docs/quickbooks.md §9) and the captured faults in
 * fixtures/qbo/fault and batch/.
 */
import type { Fault } from './result.ts'
import { FAULT_CODES, type FaultCode } from '../fault-codes.ts'

function fault(info: FaultCode, detail: string, element = ''): Fault {
  return {
    kind: 'fault',
    status: info.httpStatus,
    type: info.type,
    errors: [{ code: info.code, message: info.message, detail, element }],
  }
}

const business = (detail: string, element = '') =>
  fault(FAULT_CODES.businessValidation, `Business Validation Error: ${detail}`, element)

export const faults = {
  stale: (): Fault =>
    fault(
      FAULT_CODES.staleObject,
      'Stale Object Error : You and Bookkeeper were working on this at the same time. Bookkeeper finished before you did, so your work was not saved.',
    ),

  /** Current QuickBooks names the record that already holds the name as `Id=<n>`. */
  duplicateName: (existingId: string): Fault =>
    fault(FAULT_CODES.duplicateName, `The name supplied already exists. : Id=${existingId}`),

  /** Detail as integrators have recorded it from QuickBooks: the number, then the transaction holding it. */
  duplicateDocNumber: (docNumber: string, holderId: string): Fault =>
    fault(
      FAULT_CODES.duplicateDocNumber,
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${holderId}`,
      'DocNumber',
    ),

  /** A payment a bank deposit holds (docs/quickbooks.md §3.4, §9.3): the deposit must let go of it first. */
  depositedTransaction: (): Fault =>
    fault(
      FAULT_CODES.depositedTransaction,
      'Deposited Transaction cannot be changed : This transaction is part of a deposit. Remove it from the deposit before you change or delete it.',
    ),

  inactiveReference: (element: string): Fault =>
    fault(
      FAULT_CODES.objectNotFound,
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      element,
    ),

  deletedTransaction: (element = ''): Fault =>
    fault(FAULT_CODES.objectNotFound, 'Object Not Found : Another user has deleted this transaction.', element),

  invalidReference: (element: string, id: string, entity: string): Fault =>
    fault(
      FAULT_CODES.invalidReference,
      `Invalid Reference Id : ${entity} with Id ${id} does not exist in this company`,
      element,
    ),

  notFound: (entity: string, id: string): Fault =>
    fault(
      FAULT_CODES.objectNotFound,
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entity} Id=${id}`,
    ),

  required: (element: string, what = element): Fault =>
    fault(FAULT_CODES.requiredParamMissing, `Required parameter ${what} is missing in the request`, element),

  length: (element: string, max: number, supplied: number): Fault =>
    fault(
      FAULT_CODES.stringTooLong,
      `String length specified does not match the supported length. Min:1 Max:${max} supplied length:${supplied}`,
      element,
    ),

  invalidChars: (element: string): Fault => business(`${element} cannot contain a colon (:), tab or newline.`, element),

  business,

  invalidEmail: (element: string, value: string): Fault =>
    business(`Email Address does not conform to the syntax rules of RFC 822. Supplied value:${value}`, element),

  invalidEnum: (element: string, value: string): Fault =>
    fault(FAULT_CODES.invalidEnumeration, `Invalid Enumeration : ${value}`, element),

  unsupportedProperty: (name: string, entity: string): Fault =>
    fault(
      FAULT_CODES.unsupportedProperty,
      `Property Name:Unrecognized field "${name}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable specified is unsupported or invalid`,
    ),

  invalidId: (value: string): Fault =>
    fault(FAULT_CODES.invalidId, `Id should be a valid number. Supplied value:${value}`, 'Id'),

  invalidNumber: (element: string, value: unknown): Fault =>
    fault(
      FAULT_CODES.unsupportedProperty,
      `Property Name:${element} specified is unsupported or invalid. Supplied value:${String(value)}`,
      element,
    ),

  queryParse: (detail: string): Fault => fault(FAULT_CODES.queryParserError, `QueryParserError: ${detail}`),

  queryValidation: (detail: string): Fault => fault(FAULT_CODES.invalidQuery, `QueryValidationError: ${detail}`),

  unsupportedOperation: (detail: string): Fault =>
    fault(FAULT_CODES.unsupportedOperation, `Operation ${detail} is not supported.`),

  requestIdTooLong: (max: number): Fault =>
    business(`requestid must not be longer than ${max} characters.`, 'requestid'),

  batchTooLarge: (count: number, max: number): Fault =>
    business(`The number of batch items (${count}) exceeds the maximum of ${max}.`),

  malformedJson: (detail: string): Fault =>
    fault(
      FAULT_CODES.unsupportedProperty,
      `Property Name:Can not parse request body: ${detail} specified is unsupported or invalid`,
    ),

  unknownRealm: (realmId: string): Fault =>
    fault(FAULT_CODES.authorizationFailed, `Company ${realmId} is not known to this server`),

  /** Sent with HTTP 200, as Intuit has been seen to (docs/quickbooks.md §9.3), not the table's 400. */
  invalidCompanyStatus: (): Fault => ({
    ...fault(
      FAULT_CODES.invalidCompanyStatus,
      'Subscription period has ended or canceled or there was a billing problem',
    ),
    status: 200,
  }),
}
