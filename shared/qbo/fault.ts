import { z } from 'zod'

// Intuit's Fault envelope in its two JSON spellings, plus the fault codes the app and
// the emulator both use. Turning a fault into words for a user is the sync engine's job.

export const QboFaultError = z.looseObject({
  Message: z.string(),
  Detail: z.string().optional(),
  /** Always a string, e.g. "6240"; may carry leading zeros in gateway faults. */
  code: z.string(),
  /** The offending field when known; often "" or absent. */
  element: z.string().optional(),
})
export type QboFaultError = z.infer<typeof QboFaultError>

/** `type`: ValidationFault, SystemFault, AuthenticationFault, AuthorizationFault; gateways also send SERVICE / AUTHENTICATION. */
export const QboFault = z.looseObject({
  Error: z.array(QboFaultError).min(1),
  type: z.string(),
})
export type QboFault = z.infer<typeof QboFault>

/** `{"Fault": {…}, "time": "…"}`; `time` is missing on some faults. */
export const QboFaultResponse = z.looseObject({
  Fault: QboFault,
  time: z.string().optional(),
})
export type QboFaultResponse = z.infer<typeof QboFaultResponse>

/**
 * The lower-case shape the authentication gateway sends (e.g. 3200 on a bad token):
 * fields may be null, and `time` is epoch milliseconds.
 */
export const QboGatewayFaultResponse = z.looseObject({
  fault: z.looseObject({
    error: z
      .array(
        z.looseObject({
          message: z.string(),
          detail: z.string().nullish(),
          code: z.string(),
          element: z.string().nullish(),
        }),
      )
      .min(1),
    type: z.string(),
  }),
  time: z.union([z.number(), z.string()]).nullish(),
})
export type QboGatewayFaultResponse = z.infer<typeof QboGatewayFaultResponse>

/** The fault in a response body in either spelling, or undefined when the body holds none. */
export function faultOf(body: unknown): QboFault | undefined {
  const upper = QboFaultResponse.safeParse(body)
  if (upper.success) return upper.data.Fault
  const lower = QboGatewayFaultResponse.safeParse(body)
  if (!lower.success) return undefined
  const errors = lower.data.fault.error.map((e): QboFaultError => {
    const out: QboFaultError = { Message: e.message, code: e.code }
    if (e.detail != null) out.Detail = e.detail
    if (e.element != null) out.element = e.element
    return out
  })
  return { type: lower.data.fault.type, Error: errors }
}

/** Gateway codes such as "003200" and body codes such as "3200" name the same fault. */
export function sameFaultCode(a: string, b: string): boolean {
  return a.replace(/^0+(?=\d)/, '') === b.replace(/^0+(?=\d)/, '')
}

export type QboFaultCodeInfo = {
  readonly code: string
  readonly httpStatus: number
  /** Intuit's `Message` text (not for users). */
  readonly message: string
  /** A `Detail` as QuickBooks wrote it in a recorded or published response, when one is known. */
  readonly detail?: string
  readonly type: string
  /** false: the code or its text comes from third-party lists only, not from Intuit or a recording. */
  readonly confirmed: boolean
}

/**
 * Fault codes by meaning. "confirmed" means seen in a recorded response under
 * `fixtures/qbo/` or in Intuit's own documentation (docs/quickbooks.md §9).
 */
export const QBO_FAULTS = {
  authenticationFailed: {
    code: '3200',
    httpStatus: 401,
    message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
    detail: 'Token expired',
    type: 'AUTHENTICATION',
    confirmed: true,
  },
  // Listed by the team; no Intuit text or recording found. Shaped like 3200.
  applicationAuthenticationFailed: {
    code: '3201',
    httpStatus: 401,
    message: 'message=ApplicationAuthenticationFailed; errorCode=003201; statusCode=401',
    type: 'AUTHENTICATION',
    confirmed: false,
  },
  authorizationFailed: {
    code: '3100',
    httpStatus: 403,
    message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
    type: 'SERVICE',
    confirmed: true,
  },
  // Often sent as XML even when JSON was asked for; the code element reads "3001".
  throttled: {
    code: '3001',
    httpStatus: 429,
    message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
    detail: 'The request limit was reached.  Try again later',
    type: 'SERVICE',
    confirmed: true,
  },
  unsupportedOperation: {
    code: '500',
    httpStatus: 400,
    message: 'Unsupported Operation',
    type: 'ValidationFault',
    confirmed: true,
  },
  objectNotFound: {
    code: '610',
    httpStatus: 400,
    message: 'Object Not Found',
    detail:
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    type: 'ValidationFault',
    confirmed: true,
  },
  // Third-party lists only ("TxnID Cannot Be Linked": linked transactions of different customers).
  txnCannotBeLinked: {
    code: '620',
    httpStatus: 400,
    message: 'TxnID Cannot Be Linked',
    type: 'ValidationFault',
    confirmed: false,
  },
  unsupportedProperty: {
    code: '2010',
    httpStatus: 400,
    message: 'Request has invalid or unsupported property',
    type: 'ValidationFault',
    confirmed: true,
  },
  // Code confirmed by Intuit's error page; exact Message wording not seen in a recording.
  requiredParamMissing: {
    code: '2020',
    httpStatus: 400,
    message: 'Required param missing, need to supply the required value for the API',
    type: 'ValidationFault',
    confirmed: false,
  },
  invalidId: { code: '2030', httpStatus: 400, message: 'Invalid ID', type: 'ValidationFault', confirmed: true },
  stringTooLong: {
    code: '2050',
    httpStatus: 400,
    message: 'String length is either shorter or longer than supported by specification',
    type: 'ValidationFault',
    confirmed: true,
  },
  // Listed by the team as an invalid-reference code next to 2500; not found in Intuit sources.
  invalidReference2090: {
    code: '2090',
    httpStatus: 400,
    message: 'Invalid Reference Id',
    type: 'ValidationFault',
    confirmed: false,
  },
  invalidEnumeration: {
    code: '2170',
    httpStatus: 400,
    message: 'Invalid Enumeration',
    type: 'ValidationFault',
    confirmed: true,
  },
  invalidReference: {
    code: '2500',
    httpStatus: 400,
    message: 'Invalid Reference Id',
    type: 'ValidationFault',
    confirmed: true,
  },
  queryParserError: {
    code: '4000',
    httpStatus: 400,
    message: 'Error parsing query',
    type: 'ValidationFault',
    confirmed: true,
  },
  invalidQuery: { code: '4001', httpStatus: 400, message: 'Invalid query', type: 'ValidationFault', confirmed: true },
  staleObject: {
    code: '5010',
    httpStatus: 400,
    message: 'Stale Object Error',
    detail:
      'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
    type: 'ValidationFault',
    confirmed: true,
  },
  businessValidation: {
    code: '6000',
    httpStatus: 400,
    message: 'A business validation error has occurred while processing your request',
    type: 'ValidationFault',
    confirmed: true,
  },
  duplicateDocNumber: {
    code: '6140',
    httpStatus: 400,
    message: 'Duplicate Document Number Error',
    type: 'ValidationFault',
    confirmed: true,
  },
  // Has also been returned with HTTP 200; always check bodies for a Fault.
  invalidCompanyStatus: {
    code: '6190',
    httpStatus: 400,
    message: 'Invalid Company Status',
    type: 'ValidationFault',
    confirmed: true,
  },
  accountPeriodClosed: {
    code: '6210',
    httpStatus: 400,
    message: 'Account Period Closed, Cannot Update Through Services API',
    type: 'ValidationFault',
    confirmed: true,
  },
  duplicateName: {
    code: '6240',
    httpStatus: 400,
    message: 'Duplicate Name Exists Error',
    detail:
      'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    type: 'ValidationFault',
    confirmed: true,
  },
  depositedTransaction: {
    code: '6540',
    httpStatus: 400,
    message: 'Deposited Transaction cannot be changed',
    type: 'ValidationFault',
    confirmed: true,
  },
  internalError: {
    code: '10000',
    httpStatus: 500,
    message: 'An application error has occurred while processing your request',
    type: 'SystemFault',
    confirmed: true,
  },
} as const satisfies Record<string, QboFaultCodeInfo>

export type QboFaultName = keyof typeof QBO_FAULTS

/** The known entry for a code as found in a fault body, if any. */
export function faultCodeInfo(code: string): QboFaultCodeInfo | undefined {
  return Object.values(QBO_FAULTS).find((info) => sameFaultCode(info.code, code))
}
