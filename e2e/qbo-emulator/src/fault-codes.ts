/**
 * @module
 * The fault codes the emulator answers with: Intuit's code, HTTP status, `Message` text and fault `type`,
 * as Intuit documents them and as recorded under fixtures/qbo. The emulator keeps its own table
 * because it stands in for Intuit and shares no code with the app; `fault-codes.test.ts` holds it
 * against the app's table in shared/qbo/fault.ts so the two cannot drift apart unnoticed.
 */

/** `type` of a fault: the Accounting service's own, or the gateway's upper-case ones. */
export type FaultType =
  'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'SERVICE' | 'AUTHENTICATION'

export interface FaultCode {
  readonly code: string
  readonly httpStatus: number
  /** Intuit's `Message` text. */
  readonly message: string
  /** The `Detail` Intuit sends, where it is always the same text. */
  readonly detail?: string
  readonly type: FaultType
}

export const FAULT_CODES = {
  // Gateway faults, answered before a request reaches the Accounting service.
  authenticationFailed: {
    code: '3200',
    httpStatus: 401,
    message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
    type: 'AUTHENTICATION',
  },
  authorizationFailed: {
    code: '3100',
    httpStatus: 403,
    message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
    type: 'SERVICE',
  },
  // Intuit sends this one as XML whatever the Accept header asked for.
  throttled: {
    code: '3001',
    httpStatus: 429,
    message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
    detail: 'The request limit was reached.  Try again later',
    type: 'SERVICE',
  },

  // The Accounting service's validation faults.
  unsupportedOperation: { code: '500', httpStatus: 400, message: 'Unsupported Operation', type: 'ValidationFault' },
  objectNotFound: { code: '610', httpStatus: 400, message: 'Object Not Found', type: 'ValidationFault' },
  unsupportedProperty: {
    code: '2010',
    httpStatus: 400,
    message: 'Request has invalid or unsupported property',
    type: 'ValidationFault',
  },
  requiredParamMissing: {
    code: '2020',
    httpStatus: 400,
    message: 'Required param missing, need to supply the required value for the API',
    type: 'ValidationFault',
  },
  invalidId: { code: '2030', httpStatus: 400, message: 'Invalid ID', type: 'ValidationFault' },
  stringTooLong: {
    code: '2050',
    httpStatus: 400,
    message: 'String length is either shorter or longer than supported by specification',
    type: 'ValidationFault',
  },
  invalidEnumeration: { code: '2170', httpStatus: 400, message: 'Invalid Enumeration', type: 'ValidationFault' },
  invalidReference: { code: '2500', httpStatus: 400, message: 'Invalid Reference Id', type: 'ValidationFault' },
  queryParserError: { code: '4000', httpStatus: 400, message: 'Error parsing query', type: 'ValidationFault' },
  invalidQuery: { code: '4001', httpStatus: 400, message: 'Invalid query', type: 'ValidationFault' },
  staleObject: { code: '5010', httpStatus: 400, message: 'Stale Object Error', type: 'ValidationFault' },
  businessValidation: {
    code: '6000',
    httpStatus: 400,
    message: 'A business validation error has occurred while processing your request',
    type: 'ValidationFault',
  },
  duplicateDocNumber: {
    code: '6140',
    httpStatus: 400,
    message: 'Duplicate Document Number Error',
    type: 'ValidationFault',
  },
  // Intuit has also been seen to send it with HTTP 200 (see faults.invalidCompanyStatus).
  invalidCompanyStatus: { code: '6190', httpStatus: 400, message: 'Invalid Company Status', type: 'ValidationFault' },
  duplicateName: { code: '6240', httpStatus: 400, message: 'Duplicate Name Exists Error', type: 'ValidationFault' },
  depositedTransaction: {
    code: '6540',
    httpStatus: 400,
    message: 'Deposited Transaction cannot be changed',
    type: 'ValidationFault',
  },

  // System faults.
  internalError: {
    code: '10000',
    httpStatus: 500,
    message: 'An application error has occurred while processing your request',
    type: 'SystemFault',
  },
} as const satisfies Record<string, FaultCode>

export type FaultName = keyof typeof FAULT_CODES
