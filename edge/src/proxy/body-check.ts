/**
 * The second half of the allowlist, for POST bodies: read as strict JSON (a key named twice in one
 * object is refused), judged by value, and forwarded as the serialization of that same value, so
 * Intuit receives exactly what was checked whatever spacing, escapes or encoding tricks came in.
 */
import { err, ok, type Result } from '#shared/result.ts'
import { parseStrictJson } from '../json/strict-json.ts'
import { notForwarded, type BodyShape, type NotForwarded } from './allowlist.ts'
import { checkBatch } from './batch-body.ts'
import { checkDeleteBody } from './delete-body.ts'

/** The canonical body to forward, or why the body is refused. */
export function checkBody(shape: Exclude<BodyShape, 'none'>, text: string): Result<string, NotForwarded> {
  const parsed = parseStrictJson(text)
  if (!parsed.ok) return err(notForwarded(parsed.error.message))
  const value = parsed.value
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return err(notForwarded('the body must be a JSON object'))
  const reason = shape === 'batch' ? checkBatch(value) : shape === 'delete' ? checkDeleteBody(value) : null
  return reason === null ? ok(JSON.stringify(value)) : err(notForwarded(reason))
}
