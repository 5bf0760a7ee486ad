/**
 * While a run waits out a throttle, its rows say so: the record and the Sync Now button show "QuickBooks asked us
 * to slow down — trying again in N s" from the row's retry time, instead of a push that looks stuck.
 * @module
 */
import type { SyncFault } from '../fault-types.ts'
import type { Settlement } from './types.ts'

export const SLOW_DOWN_MESSAGE = 'QuickBooks asked us to slow down.'

/**
 * The rows of a call that is waiting to be sent again: kept claimed (the resend replays its requestid), their
 * attempts unchanged, with the throttle and the time of the next try. No log row: a wait is not news.
 */
export function slowDownNotice(args: {
  fault: Pick<SyncFault, 'code'>
  seqs: number[]
  attempts: number
  at: string
  retryAt: string
}): Settlement {
  return {
    doneSeqs: [],
    log: [],
    failed: {
      seqs: args.seqs,
      error: { code: args.fault.code, message: SLOW_DOWN_MESSAGE, at: args.at },
      attempts: args.attempts,
      nextAttemptAt: args.retryAt,
      release: false,
    },
  }
}
