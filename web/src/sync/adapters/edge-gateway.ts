/**
 * QboGateway over fetch. In the app it calls the edge's proxy (`/api/qbo/{realmId}/…`, session cookie); tests and
 * the benchmark point the same code at the emulator's `/v3/company/{realmId}/…` with a bearer token. Every answer
 * is parsed with the shared zod schemas and comes back as a Result: Intuit faults and the edge's own
 * `{error:{code,message,retryAfterMs}}` are classified by the core, network failures and timeouts become
 * transient faults, and nothing throws.
 * @module
 */
import { ApiErrorBody, qboProxyPath } from '#shared/api/index.ts'
import { QboBatchResponse, QboCdcResponse, QboQueryResponse } from '#shared/qbo/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { classifyFault } from '../core/index.ts'
import type { SyncFault } from '../core/index.ts'
import type { GatewayResult, QboBatchWrite, QboEntity, QboEntityName, QboGateway } from '../ports.ts'

/** A pacer wait longer than this is no longer Intuit's minute limit but the company's daily budget. */
const LONG_PACE_MS = 10 * 60_000

export interface HttpGatewayOptions {
  /** URL of a path below `/v3/company/{realmId}/`, with its query. */
  url(path: string, query: Record<string, string>): string
  headers?: () => Record<string, string>
  fetch?: typeof fetch
  /** Intuit times out at 120 s; a call gets this long before it counts as lost. */
  timeoutMs?: number
  credentials?: RequestCredentials
}

/** The gateway the app uses: the edge's proxy on the app's own origin, with the session cookie. */
export function edgeGateway(realmId: string, opts: { origin?: string; fetch?: typeof fetch } = {}): QboGateway {
  return httpGateway({
    url: (path, query) => `${opts.origin ?? ''}${qboProxyPath(realmId, path, query)}`,
    credentials: 'same-origin',
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  })
}

/** Straight to an Intuit-shaped server (the emulator) with a bearer token; the edge adds minorversion itself. */
export function directGateway(
  baseUrl: string,
  realmId: string,
  token: () => string,
  opts: { fetch?: typeof fetch } = {},
): QboGateway {
  return httpGateway({
    url: (path, query) =>
      `${baseUrl}/v3/company/${realmId}/${path}?${new URLSearchParams({ ...query, minorversion: '75' })}`,
    headers: () => ({ Authorization: `Bearer ${token()}` }),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  })
}

const lower = (e: QboEntityName) => e.toLowerCase()

export function httpGateway(opts: HttpGatewayOptions): QboGateway {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))

  async function call(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ): Promise<Result<unknown, SyncFault>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers?.() }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    let res: Response
    try {
      res = await doFetch(opts.url(path, query), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
      })
    } catch (e) {
      return err(classifyFault({ type: 'network', message: e instanceof Error ? e.message : String(e) }))
    }
    const text = await res.text().catch(() => '')
    let parsed: unknown = text
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      /* XML throttle bodies stay text */
    }
    const edge = ApiErrorBody.safeParse(parsed)
    if (edge.success) return err(edgeFault(edge.data.error, res.status))
    const retryAfter = retryAfterMs(res.headers.get('Retry-After'))
    // A 200 can still carry a Fault (docs/quickbooks.md §9.2); batch item faults are the runner's to read.
    const fault = res.ok && path !== 'batch' ? classifyIfFault(parsed, res.status) : undefined
    if (!res.ok || fault)
      return err(
        fault ??
          classifyFault({
            type: 'http',
            status: res.status,
            body: parsed,
            ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
          }),
      )
    return ok(parsed)
  }

  const entityOut =
    (entity: QboEntityName) =>
    (r: Result<unknown, SyncFault>): Result<QboEntity, SyncFault> => {
      if (!r.ok) return r
      const e = (r.value as Record<string, unknown> | undefined)?.[entity]
      return e && typeof e === 'object' ? ok(e as QboEntity) : err(malformed(`no ${entity} in the answer`))
    }

  return {
    async query(statement) {
      const r = await call('GET', 'query', { query: statement })
      if (!r.ok) return r
      const p = QboQueryResponse.safeParse(r.value)
      if (!p.success) return err(malformed(p.error.issues[0]?.message))
      // QuickBooks' clock travels with the rows it dated: a checkpoint taken from this read is never the device's.
      return ok(p.data.time === undefined ? p.data.QueryResponse : { ...p.data.QueryResponse, time: p.data.time })
    },
    async read(entity, id) {
      return entityOut(entity)(await call('GET', `${lower(entity)}/${encodeURIComponent(id)}`, {}))
    },
    async write(entity, operation, body, requestId) {
      const query: Record<string, string> = { requestid: requestId }
      if (operation === 'void' && entity === 'Payment') Object.assign(query, { operation: 'update', include: 'void' })
      else if (operation === 'void' || operation === 'delete') query.operation = operation
      else if (operation === 'update') query.operation = 'update'
      return entityOut(entity)(await call('POST', lower(entity), query, body))
    },
    async batch(
      items: readonly QboBatchWrite[],
      requestId: string,
    ): GatewayResult<QboBatchResponse['BatchItemResponse']> {
      const r = await call('POST', 'batch', { requestid: requestId }, { BatchItemRequest: items })
      if (!r.ok) return r
      const p = QboBatchResponse.safeParse(r.value)
      return p.success ? ok(p.data.BatchItemResponse) : err(malformed(p.error.issues[0]?.message))
    },
    async cdc(entities, changedSince) {
      const r = await call('GET', 'cdc', { entities: entities.join(','), changedSince })
      if (!r.ok) return r
      const p = QboCdcResponse.safeParse(r.value)
      if (!p.success) return err(malformed(p.error.issues[0]?.message))
      return ok({ changes: p.data.CDCResponse.flatMap((c) => c.QueryResponse ?? []), time: p.data.time })
    },
  }
}

function classifyIfFault(body: unknown, status: number): SyncFault | undefined {
  if (body === null || typeof body !== 'object' || !('Fault' in body || 'fault' in body)) return undefined
  return classifyFault({ type: 'http', status, body })
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined
  const s = Number(header)
  return Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : undefined
}

function malformed(detail: string | undefined): SyncFault {
  return {
    kind: 'transient',
    retryable: true,
    userMessage: 'QuickBooks sent an answer Fieldsync could not read. It will try again.',
    action: 'retry',
    code: 'malformed',
    ...(detail ? { detail } : {}),
  }
}

/** The edge's own refusals, in the same vocabulary as Intuit's faults. */
export function edgeFault(e: ApiErrorBody['error'], status: number): SyncFault {
  const base = { code: e.code, detail: e.message, httpStatus: status }
  switch (e.code) {
    case 'paced':
      return {
        ...base,
        kind: 'rateLimit',
        retryable: true,
        action: 'backoff',
        // A wait of hours is the company's daily budget: the edge's own words say when sync picks up again.
        userMessage:
          (e.retryAfterMs ?? 0) > LONG_PACE_MS ? e.message : 'Waiting for QuickBooks; sync resumes by itself.',
        retryAfterMs: e.retryAfterMs ?? 1000,
      }
    case 'intuit_unavailable':
      return {
        ...base,
        kind: 'transient',
        retryable: true,
        action: 'retry',
        userMessage: 'QuickBooks is not answering right now. Changes stay queued and go out later.',
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
      }
    // Removed by the owner: stops the run like a lost connection, in the edge's words (they name the company).
    case 'device_removed':
      return { ...base, kind: 'auth', retryable: false, action: 'none', userMessage: e.message }
    // The role may not (a crew tablet's void or delete): the edge's message says who can; asking again won't help.
    case 'forbidden_role':
      return { ...base, kind: 'fatal', retryable: false, action: 'none', userMessage: e.message }
    case 'unauthenticated':
    case 'session_ended':
    case 'not_connected':
    case 'needs_reconnect':
    case 'realm_mismatch':
      return {
        ...base,
        kind: 'auth',
        retryable: false,
        action: 'reconnect',
        userMessage:
          'The connection to QuickBooks has ended. Reconnect QuickBooks in Settings; nothing is lost meanwhile.',
      }
    default:
      return {
        ...base,
        kind: 'fatal',
        retryable: false,
        action: 'none',
        userMessage: `Fieldsync's server refused this request: ${e.message}`,
      }
  }
}
