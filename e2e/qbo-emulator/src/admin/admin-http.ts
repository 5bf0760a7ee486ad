/**
 * @module
 * Request and answer helpers of the admin API: its error body `{error: {kind, message}}`, zod-checked JSON
 * bodies, and company-module outcomes turned into HTTP answers.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { err, ok, type Result } from '../result.ts'

export type AdminErrorKind = 'bad_request' | 'not_found' | 'rejected'

export const fail = (c: Context, status: 400 | 404, kind: AdminErrorKind, message: string) =>
  c.json({ error: { kind, message } }, status)

/** The request body checked against `schema`, or the 400 answer to send instead. */
export async function body<T extends z.ZodType>(c: Context, schema: T): Promise<Result<z.infer<T>, Response>> {
  let raw: unknown = {}
  const text = await c.req.text()
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text)
    } catch {
      return err(fail(c, 400, 'bad_request', 'Body must be JSON'))
    }
  }
  const r = schema.safeParse(raw)
  if (!r.success) return err(fail(c, 400, 'bad_request', z.prettifyError(r.error)))
  return ok(r.data)
}

function firstMessage(failure: unknown): string {
  const fault = failure as { errors?: { message?: string; detail?: string }[]; message?: unknown } | undefined
  const e = fault?.errors?.[0]
  if (e !== undefined) return [e.message, e.detail].filter(Boolean).join(': ')
  return fault?.message !== undefined ? String(fault.message) : JSON.stringify(failure)
}

const isResult = (r: unknown): r is Result<unknown, unknown> =>
  typeof r === 'object' && r !== null && 'ok' in r && (r.ok ? 'value' in r : 'error' in r)

/** Company-module calls may answer a Result or throw; either way the caller gets data or an error body. */
export function outcome(c: Context, run: () => unknown) {
  try {
    const r = run()
    if (!isResult(r)) return c.json(r ?? null)
    if (r.ok) return c.json(r.value ?? null)
    // The company module answers Intuit's rules as a Fault value; pass it on whole so tests can read the code.
    return c.json({ error: { kind: 'rejected', message: firstMessage(r.error) }, fault: r.error }, 400)
  } catch (e) {
    return fail(c, 400, 'rejected', e instanceof Error ? e.message : String(e))
  }
}
