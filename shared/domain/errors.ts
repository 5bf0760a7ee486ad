/**
 * The domain's errors: values with a `kind` and a message a user can read, returned in a `Result`
 * (`shared/result.ts`) rather than thrown.
 */

/** Input that fails its schema. `fields` maps a dotted path ("lines.0.qty") to a plain-words message. */
export type ValidationError = { kind: 'validation'; message: string; fields: Record<string, string> }
/** The record asked for does not exist (or was deleted). */
export type NotFoundError = { kind: 'not_found'; message: string }
/** The operation does not fit the record's state, e.g. editing a finalized invoice's lines. */
export type InvalidStateError = { kind: 'invalid_state'; message: string }
/** A payment larger than what the invoices it pays still owe. */
export type OverpaymentError = { kind: 'overpayment'; message: string; fields: Record<string, string> }

export type DomainError = ValidationError | NotFoundError | InvalidStateError | OverpaymentError

export function validationError(fields: Record<string, string>): ValidationError {
  const first = Object.values(fields)[0] ?? 'Check the highlighted fields'
  return { kind: 'validation', message: first, fields }
}

/** zod issues → one message per field (the first one wins, as a form shows one per field). */
export function fromZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ValidationError {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_'
    fields[key] ??= issue.message
  }
  return validationError(fields)
}
