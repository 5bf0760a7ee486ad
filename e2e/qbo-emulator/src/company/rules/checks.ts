/** Field checks Intuit applies to many entities: string lengths, forbidden characters, references. */
import type { WriteContext } from './context.ts'
import type { EntityName, Json } from '../types.ts'
import { TRANSACTIONS } from '../types.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { isObject, refValue, str } from '../json.ts'
import { tombKey } from '../state.ts'

/** An optional string no longer than `max`; non-strings are Intuit's 2010. */
export function checkString(element: string, value: unknown, max: number): Result<string | undefined> {
  if (value === undefined || value === null) return ok(undefined)
  if (typeof value !== 'string') return err(faults.invalidNumber(element, JSON.stringify(value)))
  if (value.length > max) return err(faults.length(element, max, value.length))
  return ok(value)
}

const FORBIDDEN = /[:\t\n\r]/

/** Names (DisplayName, GivenName, Item Name …): length-limited and free of `:`, tab and newline. */
export function checkName(element: string, value: unknown, max: number): Result<string | undefined> {
  const r = checkString(element, value, max)
  if (!r.ok || r.value === undefined) return r
  if (FORBIDDEN.test(r.value)) return err(faults.invalidChars(element))
  return r
}

/** `{"Address": …}` with `@` and `.` after it, at most 100 characters. */
export function checkEmail(element: string, value: unknown): Result<Json | undefined> {
  if (value === undefined || value === null) return ok(undefined)
  if (!isObject(value)) return err(faults.invalidNumber(element, JSON.stringify(value)))
  const address = checkString(`${element}.Address`, value.Address, 100)
  if (!address.ok) return address
  if (address.value === undefined || address.value === '') return ok({ ...value })
  const at = address.value.indexOf('@')
  if (at < 1 || !address.value.slice(at + 1).includes('.')) return err(faults.invalidEmail(element, address.value))
  return ok({ ...value })
}

/** Checks each listed string sub-field of an object (addresses, phones) against its limit. */
export function checkObjectStrings(
  element: string,
  value: unknown,
  limits: Record<string, number>,
): Result<Json | undefined> {
  if (value === undefined || value === null) return ok(undefined)
  if (!isObject(value)) return err(faults.invalidNumber(element, JSON.stringify(value)))
  for (const [field, max] of Object.entries(limits)) {
    const r = checkString(`${element}.${field}`, value[field], max)
    if (!r.ok) return err(r.error)
  }
  return ok({ ...value })
}

export interface RefOptions {
  /** A referenced name-list record must be active (new transactions refuse inactive ones). */
  active?: boolean
}

/**
 * Resolves a reference to a stored record: unknown Id → 2500, a deleted transaction →
 * 610 "Another user has deleted this transaction", an inactive name → 610.
 */
export function resolveRef(
  ctx: WriteContext,
  entity: EntityName,
  element: string,
  ref: unknown,
  opts: RefOptions = {},
): Result<Json> {
  const id = refValue(ref)
  if (id === undefined) return err(faults.required(element))
  const row = ctx.hidden?.has(tombKey(entity, id)) ? undefined : ctx.state.tables[entity].get(id)
  if (!row) {
    // A deleted transaction is 610; a name merged away no longer exists at all (2500, as an unknown Id).
    if (ctx.state.tombstones.has(tombKey(entity, id)) && TRANSACTIONS.has(entity))
      return err(faults.deletedTransaction(element))
    return err(faults.invalidReference(element, id, entity))
  }
  if (opts.active && row.data.Active === false) return err(faults.inactiveReference(element))
  return ok(row.data)
}

/** A reference as Intuit echoes it: the value plus the current display name. */
export function namedRef(id: string, name: unknown): Json {
  const n = str(name)
  return n === undefined ? { value: id } : { value: id, name: n }
}

export const USD = { value: 'USD', name: 'United States Dollar' }
