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
export const refValue = (v: unknown): string | undefined => (isObject(v) ? str(v.value) ?? (typeof v.value === 'number' ? String(v.value) : undefined) : undefined)

/** Half-up rounding to cents that is not fooled by binary fractions (1.005 → 1.01). */
export function cents(amount: number): number {
  const scaled = Math.round(Math.abs(amount) * 100 + 1e-7)
  return (Math.sign(amount) * scaled) / 100 || 0
}

export const clone = <T>(v: T): T => structuredClone(v)

/** Drops keys whose value is undefined so stored records serialise like Intuit's (absent, not null). */
export function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}
