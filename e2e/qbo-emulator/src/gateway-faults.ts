/**
 * @module
 * Faults Intuit's API gateway answers before a request reaches the Accounting service: authentication
 * (3200), authorization (3100) and throttling (3001). They use the lower-case envelope recorded in
 * /work/shared/fixtures/qbo/fault/authentication-3200-401-*.json and a numeric `time`, unlike the
 * service's own `{"Fault":{…}}` bodies. Service-side system faults (500, 503) live here too because
 * chaos mode sends them without the company module.
 */

interface GatewayFault {
  status: 401 | 403 | 429
  name: string
  code: string
  type: 'AUTHENTICATION' | 'SERVICE'
  detail: string | null
}

function gatewayBody(f: GatewayFault, time: number) {
  const errorCode = f.code.padStart(6, '0')
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: `message=${f.name}; errorCode=${errorCode}; statusCode=${f.status}`, detail: f.detail, code: f.code, element: null }],
      type: f.type,
    },
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
  const body = gatewayBody({ status: 401, name: 'AuthenticationFailed', code: '3200', type: 'AUTHENTICATION', detail }, time)
  return Response.json(body, {
    status: 401,
    headers: { 'WWW-Authenticate': 'Bearer realm="Intuit", error="invalid_token"' },
  })
}

export function authorizationFailed(time: number): Response {
  return Response.json(gatewayBody({ status: 403, name: 'AuthorizationFailed', code: '3100', type: 'SERVICE', detail: null }, time), {
    status: 403,
  })
}

const throttleDetail = 'The request limit was reached.  Try again later'

export function throttleExceeded(time: number, format: 'json' | 'xml'): Response {
  if (format === 'json') {
    const body = gatewayBody({ status: 429, name: 'ThrottleExceeded', code: '3001', type: 'SERVICE', detail: throttleDetail }, time)
    return Response.json(body, { status: 429 })
  }
  // The shape Intuit is observed to send (qbo-api.md §8), whatever the Accept header said.
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${new Date(time).toISOString()}">` +
    `<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>` +
    `<Detail>${throttleDetail}</Detail></Error></Fault></IntuitResponse>`
  return new Response(xml, { status: 429, headers: { 'Content-Type': 'application/xml' } })
}

/** Intuit's SystemFault 10000 in the service envelope. */
export function systemFault(time: number): Response {
  return Response.json(
    {
      Fault: {
        Error: [
          {
            Message: 'An application error has occurred while processing your request',
            Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.',
            code: '10000',
          },
        ],
        type: 'SystemFault',
      },
      time: new Date(time).toISOString(),
    },
    { status: 500 },
  )
}

/** What a load balancer in front of the service answers when it is down: not JSON at all. */
export function serviceUnavailable(): Response {
  return new Response('<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>', {
    status: 503,
    headers: { 'Content-Type': 'text/html' },
  })
}
