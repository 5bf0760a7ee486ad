/**
 * @module
 * Faults Intuit's API gateway answers before a request reaches the Accounting service: authentication
 * (3200), authorization (3100) and throttling (3001). They use the lower-case envelope recorded in
 * fixtures/qbo/fault/authentication-3200-401-*.json and a numeric `time`, unlike the
 * service's own `{"Fault":{…}}` bodies. Service-side system faults (500, 503) live here too because
 * chaos mode sends them without the company module. Codes and texts come from the emulator's fault table.
 */

import { FAULT_CODES, type FaultCode } from './fault-codes.ts'

const { authenticationFailed: auth, authorizationFailed: authz, throttled, internalError } = FAULT_CODES

function gatewayBody(f: FaultCode, detail: string | null, time: number) {
  return {
    warnings: null,
    intuitObject: null,
    fault: { error: [{ message: f.message, detail, code: f.code, element: null }], type: f.type },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time,
    status: null,
    cdcresponse: [],
  }
}

export function authenticationFailed(detail: string, time: number): Response {
  return Response.json(gatewayBody(auth, detail, time), {
    status: auth.httpStatus,
    headers: { 'WWW-Authenticate': 'Bearer realm="Intuit", error="invalid_token"' },
  })
}

export function authorizationFailed(time: number): Response {
  return Response.json(gatewayBody(authz, null, time), { status: authz.httpStatus })
}

export function throttleExceeded(time: number, format: 'json' | 'xml'): Response {
  if (format === 'json')
    return Response.json(gatewayBody(throttled, throttled.detail, time), { status: throttled.httpStatus })
  // The shape Intuit is observed to send (docs/quickbooks.md §8), whatever the Accept header said.
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${new Date(time).toISOString()}">` +
    `<Fault type="${throttled.type}"><Error code="${throttled.code}"><Message>${throttled.message}</Message>` +
    `<Detail>${throttled.detail}</Detail></Error></Fault></IntuitResponse>`
  return new Response(xml, { status: throttled.httpStatus, headers: { 'Content-Type': 'application/xml' } })
}

/** Intuit's SystemFault 10000 in the service envelope. */
export function systemFault(time: number): Response {
  return Response.json(
    {
      Fault: {
        Error: [
          {
            Message: internalError.message,
            Detail:
              'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.',
            code: internalError.code,
          },
        ],
        type: internalError.type,
      },
      time: new Date(time).toISOString(),
    },
    { status: internalError.httpStatus },
  )
}

/** What a load balancer in front of the service answers when it is down: not JSON at all. */
export function serviceUnavailable(): Response {
  return new Response(
    '<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>',
    {
      status: 503,
      headers: { 'Content-Type': 'text/html' },
    },
  )
}
