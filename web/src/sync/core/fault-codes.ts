/**
 * Fault codes → rule: Intuit's shared list, the codes it leaves out, and the edge's own refusals.
 * Codes from docs/quickbooks.md §9.3.
 * @module
 */
import type { ApiErrorCode } from '#shared/api/errors.ts'
import { QBO_FAULTS } from '#shared/qbo/index.ts'
import { AUTH, NOT_FOUND, RATE, TRANSIENT, VALIDATION, type Rule } from './fault-rules.ts'

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
    action: 'use-next-number',
    retryable: false,
    field: 'DocNumber',
    message:
      'QuickBooks already has an invoice with this number. Use the next free number, or give this invoice a different number.',
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
  // The owner removed this device: the run stops as for a lost connection, but no reconnect brings it back.
  device_removed: {
    ...AUTH,
    action: 'none',
    message: 'This device was removed from its company by its owner. What it had not sent stays here.',
  },
  // This device's role may not make the call (a crew tablet's void or delete): retrying is refused the same way.
  forbidden_role: {
    kind: 'fatal',
    action: 'none',
    retryable: false,
    message: "This device's role may not do this in QuickBooks. The office or the owner can.",
  },
  paced: RATE,
  intuit_unavailable: TRANSIENT,
}

export const CODE_RULES: ReadonlyMap<string, Rule> = new Map([
  ...Object.entries(EXTRA_CODE_RULES),
  ...Object.entries(EDGE_CODE_RULES),
  ...Object.entries(RULES_BY_NAME).map(
    ([name, rule]) => [QBO_FAULTS[name as keyof typeof QBO_FAULTS].code, rule] as const,
  ),
])
