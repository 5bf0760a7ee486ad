/** Small readers over untyped wire JSON, and Intuit's cent rounding. */
import type { Json } from './types.ts'

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** Intuit accepts decimals as JSON numbers or numeric strings ("10.5"). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

/** `{"value": "7", "name": "…"}` → "7". */
export const refValue = (v: unknown): string | undefined =>
  isObject(v) ? (str(v.value) ?? (typeof v.value === 'number' ? String(v.value) : undefined)) : undefined

/** Half-up rounding to cents that is not fooled by binary fractions (1.005 → 1.01). */
export function cents(amount: number): number {
  const scaled = Math.round(Math.abs(amount) * 100 + 1e-7)
  return (Math.sign(amount) * scaled) / 100 || 0
}

export const clone = <T>(v: T): T => structuredClone(v)

/**
 * Freezes a record and everything in it. Stored records are never changed in place (a change stores a
 * new record), and freezing makes that a rule the runtime enforces: reads can then hand out the stored
 * record itself instead of a copy, and values derived from a record can be cached against it.
 */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v
  for (const child of Object.values(v)) deepFreeze(child)
  return Object.freeze(v)
}

/** Drops keys whose value is undefined so stored records serialise like Intuit's (absent, not null). */
export function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}
