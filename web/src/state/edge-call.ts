/**
 * One JSON call to the edge's own routes (team, company settings), answered as a Result: the edge's
 * `{error:{code,message}}` becomes an error of that kind with its message, a network failure `offline`, a body
 * that is not what the contract says `unreadable`. A `device_removed` answer from any call also tells the page
 * the session is over (session-ended.ts), wherever the call was made.
 * @module
 */
import type { z } from 'zod'
import { ApiErrorBody, type ApiErrorCode } from '#shared/api/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { companyOfRemoval } from './removed-company.ts'
import { noteSessionEnded } from './session-ended.ts'

export type EdgeCallError = {
  kind: ApiErrorCode | 'offline' | 'unreadable'
  message: string
  retryAfterMs?: number
  /** The whole error body, for answers that carry more (a settings conflict carries the current copy). */
  body?: unknown
}

export type EdgeCallOptions = { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown }

export async function edgeCall<S extends z.ZodType>(
  schema: S,
  path: string,
  opts: EdgeCallOptions = {},
  fetchFn: typeof fetch = fetch,
): Promise<Result<z.infer<S>, EdgeCallError>> {
  let res: Response
  try {
    res = await fetchFn(path, {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    })
  } catch {
    return err({
      kind: 'offline',
      message: 'Fieldsync could not reach its server. Check the connection and try again.',
    })
  }
  const body: unknown = await res.json().catch(() => undefined)
  const failed = ApiErrorBody.safeParse(body)
  if (failed.success) {
    const e = failed.data.error
    if (e.code === 'device_removed')
      noteSessionEnded({ reason: 'device_removed', companyName: companyOfRemoval(e.message) })
    return err({
      kind: e.code,
      message: e.message,
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
      body,
    })
  }
  const parsed = schema.safeParse(body)
  if (res.ok && parsed.success) return ok(parsed.data)
  return err({ kind: 'unreadable', message: `Fieldsync's server gave an answer it could not read (${res.status}).` })
}
