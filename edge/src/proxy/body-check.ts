/**
 * The second half of the allowlist, for calls whose body says what they do: a `/batch` envelope and a
 * `POST /query` statement. Runs once the body is read; other bodies are Intuit's to validate.
 */
import { err, ok, type Result } from '#shared/result.ts'
import { notForwarded, type NotForwarded } from './allowlist.ts'
import { checkBatch } from './batch-body.ts'
import { checkStatement } from './query-statement.ts'

/** @param head the first path segment below `/v3/company/{realmId}/`, already allowed by checkAllowed */
export function checkBody(head: string, body: string): Result<undefined, NotForwarded> {
  const reason = head === 'batch' ? checkBatch(body) : head === 'query' ? checkStatement(body) : null
  return reason === null ? ok(undefined) : err(notForwarded(reason))
}
