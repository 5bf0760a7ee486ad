/**
 * A JSON request body for the app's own routes: application/json only (what no cross-site form can
 * send without a preflight), at most 64 KiB, strict JSON (no key twice), checked against its schema.
 * A refusal says what was wrong in the schema's own words.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'
import type { AppEnv } from '../env.ts'
import type { GateError } from '../gate/upstream.ts'
import { readBounded, utf8 } from '../http/bounded-body.ts'
import { parseStrictJson } from '../json/strict-json.ts'

const MAX_BYTES = 64 * 1024

const bad = (message: string): Result<never, GateError> => err({ code: 'bad_request', message })

export async function readJson<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<Result<z.output<S>, GateError>> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') return bad('The body must be application/json.')
  const read = await readBounded(c.req.raw, MAX_BYTES)
  if (!read.ok) return bad('The body is too large.')
  const text = utf8(read.value)
  if (text === null) return bad('The body is not UTF-8.')
  const json = parseStrictJson(text)
  if (!json.ok) return bad(json.error.message)
  const parsed = schema.safeParse(json.value)
  if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'The body is not what this route takes.')
  return ok(parsed.data)
}
