/**
 * References inside a body to records that may not exist in QuickBooks yet. While planning, a record whose
 * QuickBooks Id is not known is written as a placeholder; the runner swaps in the Id once the create that
 * makes it has answered, just before sending.
 * @module
 */
import { err, ok, type Result } from '#shared/result.ts'
import type { RecordRef } from '../plan-types.ts'

const PREFIX = '@@ref:'

/** Gives the QuickBooks Id of a referenced record, or a placeholder for one created earlier in the run. */
export type RefResolver = (ref: RecordRef) => string

/** The placeholder for a record's QuickBooks Id. */
export function refToken(ref: RecordRef): string {
  return `${PREFIX}${ref.kind}:${ref.localId}`
}

/** A resolver from known mappings: mapped records give their Id, others a placeholder. */
export function resolverFrom(qboIdOf: (ref: RecordRef) => string | undefined): RefResolver {
  return (ref) => qboIdOf(ref) ?? refToken(ref)
}

/** The reference a placeholder stands for, or undefined for any other string. */
export function parseRefToken(s: string): RecordRef | undefined {
  if (!s.startsWith(PREFIX)) return undefined
  const rest = s.slice(PREFIX.length)
  const i = rest.indexOf(':')
  const kind = rest.slice(0, i)
  if (kind !== 'contact' && kind !== 'item' && kind !== 'invoice' && kind !== 'payment' && kind !== 'job')
    return undefined
  return { kind, localId: rest.slice(i + 1) }
}

/** Placeholders left in a body: records it refers to that have no QuickBooks Id yet. */
export type MissingRefs = { kind: 'missing-reference'; missing: RecordRef[]; message: string }

/**
 * A copy of `body` with every placeholder in a reference position (`value` of a Ref, `TxnId` of a LinkedTxn)
 * replaced by its Id. Returns the refs still unknown instead of sending a body QuickBooks would reject.
 */
export function resolveRefs<T>(body: T, lookup: (ref: RecordRef) => string | undefined): Result<T, MissingRefs> {
  const missing: RecordRef[] = []
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      if (key !== 'value' && key !== 'TxnId') return v
      const ref = parseRefToken(v)
      if (!ref) return v
      const id = lookup(ref)
      if (id === undefined) missing.push(ref)
      return id ?? v
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined))
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k)
      return out
    }
    return v
  }
  const value = walk(body, undefined) as T
  if (missing.length === 0) return ok(value)
  return err({ kind: 'missing-reference', missing, message: 'A record it refers to is not in QuickBooks yet.' })
}
