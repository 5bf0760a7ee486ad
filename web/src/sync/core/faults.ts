/**
 * Intuit faults and bare HTTP failures → one `SyncFault` the runner acts on and the user reads.
 * Follows docs/product.md §Errors. Bodies are read by `fault-body.ts`, codes mapped by `fault-codes.ts`,
 * fallbacks in `fault-rules.ts`, field names worded by `fault-fields.ts`.
 * @module
 */
import { CODE_RULES } from './fault-codes.ts'
import { pointAt } from './fault-fields.ts'
import { parseFaultBody } from './fault-body.ts'
import { RATE, TRANSIENT, VALIDATION, ruleForStatus, ruleForType, type Rule } from './fault-rules.ts'
import type { FaultInput, SyncFault } from './fault-types.ts'

function build(rule: Rule, code: string, extra: Partial<SyncFault>): SyncFault {
  const f: SyncFault = {
    kind: rule.kind,
    retryable: rule.retryable,
    userMessage: pointAt(rule, extra.field ?? rule.field),
    action: rule.action,
    code,
  }
  if (rule.field !== undefined) f.field = rule.field
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (f as Record<string, unknown>)[k] = v
  return f
}

/**
 * Classify one failure.
 * @example classifyFault({ type: 'http', status: 400, body: { Fault: { Error: [{ code: '5010' }] } } }).kind === 'stale'
 */
export function classifyFault(input: FaultInput): SyncFault {
  if (input.type === 'network') {
    return build(
      {
        ...TRANSIENT,
        message: 'No connection to QuickBooks. This stays queued and goes out when you are back online.',
      },
      'network',
      { detail: input.message },
    )
  }
  const status = input.type === 'http' ? input.status : undefined
  const error = parseFaultBody(input.type === 'http' ? input.body : input.item)
  const retryAfter = input.type === 'http' ? input.retryAfterMs : undefined

  let rule: Rule | undefined
  let code: string
  if (error) {
    code = error.code
    // 3100 is also seen as an internal error with HTTP 500: that one is worth retrying.
    rule = code === '3100' && status !== undefined && status >= 500 ? TRANSIENT : CODE_RULES.get(code)
    rule ??=
      status === 429
        ? RATE
        : (ruleForType(error.type, status) ?? (status !== undefined ? ruleForStatus(status) : VALIDATION))
  } else {
    code = status === undefined ? 'unknown' : `http-${status}`
    rule = status === undefined ? VALIDATION : ruleForStatus(status)
  }

  const extra: Partial<SyncFault> = {
    detail: error?.detail ?? error?.message,
    httpStatus: status,
    // A duplicate item clashes on Name; customers (and vendors, employees) on DisplayName.
    field: error?.element ?? (code === '6240' && input.entity === 'Item' ? 'Name' : rule.field),
  }
  // Intuit's 429 names no wait: none is made up here, so the throttle steps of `retryWaitMs` apply (seconds,
  // growing while 429s keep coming) instead of Intuit's blanket minute.
  if (rule.kind === 'rateLimit' && retryAfter !== undefined) extra.retryAfterMs = retryAfter
  if (rule.kind === 'duplicate') extra.conflictingId = /\bId=(\d+)/.exec(error?.detail ?? '')?.[1]
  return build(rule, code, extra)
}

export { parseFaultBody } from './fault-body.ts'
export type { FaultError } from './fault-body.ts'
