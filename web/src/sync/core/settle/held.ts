/**
 * The settlements of a claimed create that cannot simply be replayed: found in QuickBooks (linked), a payment
 * that cannot be looked up (held for the user), a lookup that proved nothing (kept claimed with a retry time),
 * and rows let go so their next send is a new request.
 * @module
 */
import { NOT_CHECKED_CODE } from '../claims.ts'
import { UNVERIFIED_PAYMENT_CODE, type SyncFault } from '../fault-types.ts'
import type { Settlement } from './types.ts'

/** The hold of a payment that may be in QuickBooks and cannot be looked up there. */
export const UNVERIFIED_PAYMENT: SyncFault = {
  kind: 'validation',
  retryable: false,
  action: 'none',
  code: UNVERIFIED_PAYMENT_CODE,
  userMessage:
    'This payment may already be in QuickBooks: it was sent, no answer came back, and it cannot be looked ' +
    "up there. Check the customer's payments in QuickBooks, then say here whether it is there. It is not sent again " +
    'meanwhile, so it is never recorded twice.',
}

/** A record QuickBooks could not be checked for: kept claimed (looked up again, never resent blind), with words. */
export function notChecked(cause: SyncFault | undefined): SyncFault {
  return {
    kind: 'transient',
    retryable: true,
    action: 'retry',
    code: NOT_CHECKED_CODE,
    retryAfterMs: cause?.retryAfterMs,
    userMessage:
      'It was sent before and no answer came back, and QuickBooks could not be checked for it yet. ' +
      'It is not sent again until it can be; this will try again by itself.',
  }
}

/** Unclaims rows so their next send is a new request (a replay of the old one cannot be had). */
export function release(seqs: number[], at: string): Settlement {
  return {
    doneSeqs: [],
    log: [],
    failed: { seqs, error: { code: 'resend', message: 'Sent again as a new request', at }, attempts: 0, release: true },
  }
}

/** A create found in QuickBooks: its link settles the claimed rows, and the log says it was there already. */
export function foundSettlement(link: Settlement, seqs: number[]): Settlement {
  const log = link.log.map((l) => ({ ...l, details: `${l.details}: it was already in QuickBooks` }))
  return { ...link, doneSeqs: seqs, log }
}
