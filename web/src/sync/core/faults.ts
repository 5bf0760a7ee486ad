/**
 * Intuit faults and bare HTTP failures → one `SyncFault` the runner acts on and the user reads.
 * Follows docs/product.md §Errors; codes from docs/quickbooks.md §9.3. Bodies are read by `fault-body.ts`.
 * @module
 */
import type { ApiErrorCode } from '#shared/api/errors.ts'
import { QBO_FAULTS } from '#shared/qbo/index.ts'
import { parseFaultBody } from './fault-body.ts'
import type { FaultAction, FaultInput, FaultKind, SyncFault } from './fault-types.ts'

interface Rule {
  kind: FaultKind
  action: FaultAction
  retryable: boolean
  message: string
  field?: string
}

const AUTH: Rule = {
  kind: 'auth',
  action: 'reconnect',
  retryable: false,
  message: 'QuickBooks needs you to reconnect. Sync is paused until you do; nothing is lost.',
}
const RATE: Rule = {
  kind: 'rateLimit',
  action: 'backoff',
  retryable: true,
  message: 'QuickBooks asked us to slow down. Sync will continue by itself in a minute.',
}
const TRANSIENT: Rule = {
  kind: 'transient',
  action: 'retry',
  retryable: true,
  message: 'QuickBooks had a temporary problem. This will be retried automatically.',
}
const VALIDATION: Rule = {
  kind: 'validation',
  action: 'fix-field',
  retryable: false,
  message: 'QuickBooks did not accept this record. Check the highlighted field and try again.',
}

const NOT_FOUND: Rule = {
  kind: 'notFound',
  action: 'unlink-and-recreate',
  retryable: false,
  message:
    'This record, or one it uses, was deleted or made inactive in QuickBooks. Unlink it to create it again, or reactivate it in QuickBooks.',
}

/** Every fault the shared list knows → rule. Unknown codes fall back on the fault's `type`, then the HTTP status. */
const RULES_BY_NAME: Readonly<Record<keyof typeof QBO_FAULTS, Rule>> = {
  authenticationFailed: AUTH,
  applicationAuthenticationFailed: AUTH,
  authorizationFailed: AUTH,
  throttled: RATE,
  unsupportedOperation: VALIDATION,
  objectNotFound: NOT_FOUND,
  txnCannotBeLinked: {
    ...VALIDATION,
    message: 'This payment is applied to an invoice of a different customer. Check which invoices it pays.',
  },
  unsupportedProperty: VALIDATION,
  requiredParamMissing: {
    ...VALIDATION,
    message: 'QuickBooks needs a field that is empty here. Fill it in and try again.',
  },
  invalidId: VALIDATION,
  stringTooLong: {
    ...VALIDATION,
    message: 'A field is too long or too short for QuickBooks. Shorten it and try again.',
  },
  invalidReference2090: {
    ...NOT_FOUND,
    message: 'Something this record refers to no longer exists in QuickBooks. Unlink it to create it again.',
  },
  invalidEnumeration: {
    ...VALIDATION,
    message: 'A field has a value QuickBooks does not allow. Change it and try again.',
  },
  invalidReference: {
    ...NOT_FOUND,
    message: 'Something this record refers to no longer exists in QuickBooks. Unlink it to create it again.',
  },
  queryParserError: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    message: 'A QuickBooks search failed. Please report this problem.',
  },
  invalidQuery: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    message: 'A QuickBooks search failed. Please report this problem.',
  },
  staleObject: {
    kind: 'stale',
    action: 'refetch-merge-retry',
    retryable: true,
    message: 'This record was changed in QuickBooks at the same time. The changes are being merged and sent again.',
  },
  businessValidation: {
    ...VALIDATION,
    message: 'QuickBooks rejected this record as incomplete or inconsistent. Check its details and try again.',
  },
  duplicateDocNumber: {
    kind: 'duplicate',
    action: 'fix-field',
    retryable: false,
    field: 'DocNumber',
    message: 'QuickBooks already has an invoice with this number. Give this invoice a different number.',
  },
  invalidCompanyStatus: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    message: 'The QuickBooks subscription is inactive or suspended. Sync resumes once it is active again.',
  },
  accountPeriodClosed: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    field: 'TxnDate',
    message:
      'The books are closed for this date in QuickBooks. Change the date, or ask your bookkeeper to reopen the period.',
  },
  duplicateName: {
    kind: 'duplicate',
    action: 'rename-or-link',
    retryable: false,
    field: 'DisplayName',
    message:
      'A customer, vendor or employee in QuickBooks already uses this name. Rename this record or link it to that one.',
  },
  depositedTransaction: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    message: 'This payment is part of a bank deposit in QuickBooks and cannot be changed here.',
  },
  internalError: TRANSIENT,
}

/** Codes not in the shared list (docs/quickbooks.md §9.3). */
const EXTRA_CODE_RULES: Readonly<Record<string, Rule>> = {
  '100': AUTH,
  '120': { ...AUTH, message: 'The QuickBooks user who connected is no longer an admin. An admin needs to reconnect.' },
  '130': AUTH,
}

/**
 * The edge's own refusals (shared/api/errors.ts) that an outbox row can keep as its code: the record's row
 * re-reads the kind and action from the stored code, so a revoked connection must read as Reconnect there too.
 */
const EDGE_CODE_RULES: Readonly<Partial<Record<ApiErrorCode, Rule>>> = {
  unauthenticated: AUTH,
  session_ended: AUTH,
  not_connected: AUTH,
  needs_reconnect: AUTH,
  realm_mismatch: AUTH,
  paced: RATE,
  intuit_unavailable: TRANSIENT,
}

const CODE_RULES: ReadonlyMap<string, Rule> = new Map([
  ...Object.entries(EXTRA_CODE_RULES),
  ...Object.entries(EDGE_CODE_RULES),
  ...Object.entries(RULES_BY_NAME).map(
    ([name, rule]) => [QBO_FAULTS[name as keyof typeof QBO_FAULTS].code, rule] as const,
  ),
])

function ruleForStatus(status: number): Rule {
  if (status === 401 || status === 403) return AUTH
  if (status === 429) return RATE
  if (status === 404) {
    return {
      kind: 'fatal',
      action: 'none',
      retryable: false,
      message: 'QuickBooks did not recognise this request. Please report it.',
    }
  }
  if (status >= 500 || status === 408) return TRANSIENT
  return VALIDATION
}

function ruleForType(type: string | undefined, status: number | undefined): Rule | undefined {
  const t = type?.toLowerCase()
  if (t === undefined) return undefined
  if (t.startsWith('authentication') || t.startsWith('authorization')) return AUTH
  if (t === 'systemfault') return TRANSIENT
  if (t === 'validationfault') return VALIDATION
  return status === undefined ? undefined : ruleForStatus(status)
}

/**
 * QuickBooks' names of the fields a validation fault points at (its `element`) → what the user changes, in
 * plain words: the row then says where to look instead of "check its details". Accounts come from settings.
 */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  DisplayName: 'the name',
  Name: 'the name',
  GivenName: 'the first name',
  FamilyName: 'the last name',
  CompanyName: 'the company name',
  PrimaryEmailAddr: 'the email',
  PrimaryPhone: 'the phone number',
  BillAddr: 'the billing address',
  ShipAddr: 'the property address',
  Notes: 'the notes',
  Description: 'the description',
  Sku: 'the SKU',
  UnitPrice: 'the price',
  DocNumber: 'the invoice number',
  TxnDate: 'the date',
  DueDate: 'the due date',
  Line: 'the invoice lines',
  CustomerMemo: 'the message',
  TotalAmt: 'the amount',
  PaymentRefNum: 'the reference number',
  CustomerRef: 'the customer',
  IncomeAccountRef: 'the default income account in Settings → QuickBooks',
  ExpenseAccountRef: 'the default expense account in Settings → QuickBooks',
  DepositToAccountRef: 'the deposit account in Settings → QuickBooks',
}

/** "Line.Amount" → the words for "Line". */
function fieldWords(field: string | undefined): string | undefined {
  return field === undefined ? undefined : FIELD_WORDS[field.split('.')[0]!]
}

/** A validation message names the field when QuickBooks did: its first sentence, then where to look. */
function pointAt(rule: Rule, field: string | undefined): string {
  const words = rule.kind === 'validation' ? fieldWords(field) : undefined
  if (words === undefined) return rule.message
  const first = /^.*?\.(?=\s|$)/.exec(rule.message)?.[0] ?? rule.message
  return `${first} Check ${words}, then try again.`
}

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

/** Intuit's throttle wait when nothing better is known (docs/quickbooks.md §8). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000

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
  if (rule.kind === 'rateLimit') extra.retryAfterMs = retryAfter ?? DEFAULT_RATE_LIMIT_WAIT_MS
  if (rule.kind === 'duplicate') extra.conflictingId = /\bId=(\d+)/.exec(error?.detail ?? '')?.[1]
  return build(rule, code, extra)
}

export { parseFaultBody } from './fault-body.ts'
export type { FaultError } from './fault-body.ts'
