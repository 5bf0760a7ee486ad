/**
 * The rule families a fault falls into (sign-in, pacing, temporary, validation, missing record) and the
 * fallbacks for a fault with no known code: its `type`, then the bare HTTP status.
 * @module
 */
import type { FaultAction, FaultKind } from './fault-types.ts'

export interface Rule {
  kind: FaultKind
  action: FaultAction
  retryable: boolean
  message: string
  field?: string
}

export const AUTH: Rule = {
  kind: 'auth',
  action: 'reconnect',
  retryable: false,
  message: 'QuickBooks needs you to reconnect. Sync is paused until you do; nothing is lost.',
}
export const RATE: Rule = {
  kind: 'rateLimit',
  action: 'backoff',
  retryable: true,
  message: 'QuickBooks asked us to slow down.',
}
export const TRANSIENT: Rule = {
  kind: 'transient',
  action: 'retry',
  retryable: true,
  message: 'QuickBooks had a temporary problem. This will be retried automatically.',
}
export const VALIDATION: Rule = {
  kind: 'validation',
  action: 'fix-field',
  retryable: false,
  message: 'QuickBooks did not accept this record. Check the highlighted field and try again.',
}

export const NOT_FOUND: Rule = {
  kind: 'notFound',
  action: 'unlink-and-recreate',
  retryable: false,
  message:
    'This record, or one it uses, was deleted or made inactive in QuickBooks. Unlink it to create it again, or reactivate it in QuickBooks.',
}

export function ruleForStatus(status: number): Rule {
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

export function ruleForType(type: string | undefined, status: number | undefined): Rule | undefined {
  const t = type?.toLowerCase()
  if (t === undefined) return undefined
  if (t.startsWith('authentication') || t.startsWith('authorization')) return AUTH
  if (t === 'systemfault') return TRANSIENT
  if (t === 'validationfault') return VALIDATION
  return status === undefined ? undefined : ruleForStatus(status)
}
