/**
 * Outcomes of realm operations. Every rule Intuit enforces comes back as a `Fault`
 * value (never a thrown error), so HTTP routes, batch items and tests read it alike.
 */

import type { FaultType } from '../fault-codes.ts'
import type { Result as Outcome } from '../result.ts'

export type { FaultType }

export interface FaultError {
  code: string
  message: string
  detail: string
  element: string
}

export interface Fault {
  kind: 'fault'
  /** HTTP status Intuit answers with when this fault ends a single request. */
  status: number
  type: FaultType
  errors: FaultError[]
}

/** A realm operation's outcome: the emulator's one Result shape, failing with a `Fault`. */
export type Result<T> = Outcome<T, Fault>

export { err, ok } from '../result.ts'

/** The JSON member Intuit sends for a fault (`{"Fault": …}` without `time`). */
export function faultJson(f: Fault): { Error: Record<string, string>[]; type: FaultType } {
  return {
    Error: f.errors.map((e) => ({ Message: e.message, Detail: e.detail, code: e.code, element: e.element })),
    type: f.type,
  }
}
