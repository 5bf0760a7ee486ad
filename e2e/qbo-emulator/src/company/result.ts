/**
 * Outcomes of realm operations. Every rule Intuit enforces comes back as a `Fault`
 * value (never a thrown error), so HTTP routes, batch items and tests read it alike.
 */

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault'

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

export type Result<T> = { ok: true; value: T } | { ok: false; fault: Fault }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(fault: Fault): Result<T> => ({ ok: false, fault })

/** The JSON member Intuit sends for a fault (`{"Fault": …}` without `time`). */
export function faultJson(f: Fault): { Error: Record<string, string>[]; type: FaultType } {
  return {
    Error: f.errors.map((e) => ({ Message: e.message, Detail: e.detail, code: e.code, element: e.element })),
    type: f.type,
  }
}
