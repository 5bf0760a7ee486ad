/**
 * How a query compares a record's value with a literal: timestamps and dates as instants (when the
 * literal is one too), numbers as numbers, strings case-insensitively, references and email/phone
 * objects by their text. Conditions are compiled once per query; what a record's value compares as is
 * cached against the record, which is safe because stored records are frozen (a change stores a new one).
 */
import type { Json } from '../types.ts'
import { isObject } from '../json.ts'
import { parseTimestamp } from '../time.ts'
import type { Condition, Literal } from './parser.ts'

export type Comparable = { kind: 'num'; v: number } | { kind: 'str'; v: string } | { kind: 'bool'; v: boolean }

/** How a string value is read: set by the literal it is compared with, or for sorting by the value itself. */
type Reading = 'date' | 'number' | 'text' | 'sort'

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/

/** A record's value at a dotted path, with references and email/phone objects reduced to their text. */
function valueAt(record: Json, path: string): unknown {
  let v: unknown = record
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined
  if (isObject(v)) return v.value ?? v.Address ?? v.FreeFormNumber ?? v.URI
  return v
}

function read(v: unknown, reading: Reading, prop: string): Comparable | undefined {
  if (typeof v === 'boolean') return { kind: 'bool', v }
  if (typeof v === 'number') return { kind: 'num', v }
  if (typeof v !== 'string') return undefined
  if (reading === 'sort' && prop === 'Id') return { kind: 'num', v: Number(v) }
  if ((reading === 'date' || reading === 'sort') && DATE_PREFIX.test(v)) {
    const t = parseTimestamp(v)
    if (t !== undefined) return { kind: 'num', v: t }
  }
  if (reading === 'number' && v.trim() !== '' && Number.isFinite(Number(v))) return { kind: 'num', v: Number(v) }
  return { kind: 'str', v: v.toLowerCase() }
}

/** Per stored record: what each (reading, prop) compares as; `null` when it has no comparable value. */
const cache = new WeakMap<Json, Record<string, Comparable | null>>()

/** What `record`'s `prop` compares as, read as `reading`; computed once per stored record. */
function cached(record: Json, slot: string, prop: string, reading: Reading): Comparable | undefined {
  let values = cache.get(record)
  if (values === undefined) {
    // Only frozen (stored) records are cached: anything else may still change.
    if (!Object.isFrozen(record)) return read(valueAt(record, prop), reading, prop)
    cache.set(record, (values = Object.create(null) as Record<string, Comparable | null>))
  }
  const hit = values[slot]
  if (hit !== undefined) return hit ?? undefined
  const c = read(valueAt(record, prop), reading, prop)
  values[slot] = c ?? null
  return c
}

/** A sort key reader for `prop`, to call once per record. */
export function sortKeyOf(prop: string): (record: Json) => Comparable | undefined {
  const slot = `sort:${prop}`
  return (record) => cached(record, slot, prop, 'sort')
}

export function compare(a: Comparable, b: Comparable): number {
  if (a.v === b.v) return 0
  return a.v < b.v ? -1 : 1
}

/** The literal as each kind of record value would compare with it (undefined: never equal). */
function literalAs(lit: Literal): Record<Comparable['kind'], Comparable | undefined> {
  const asNum = (): Comparable | undefined => {
    if (typeof lit === 'number') return { kind: 'num', v: lit }
    if (typeof lit !== 'string') return undefined
    const t = DATE_PREFIX.test(lit) ? parseTimestamp(lit) : Number(lit)
    return t === undefined || Number.isNaN(t) ? undefined : { kind: 'num', v: t }
  }
  return {
    bool:
      typeof lit === 'boolean'
        ? { kind: 'bool', v: lit }
        : typeof lit === 'string'
          ? { kind: 'bool', v: lit.toLowerCase() === 'true' }
          : undefined,
    num: asNum(),
    str: { kind: 'str', v: String(lit).toLowerCase() },
  }
}

function readingFor(lit: Literal): Reading {
  if (typeof lit === 'number') return 'number'
  return typeof lit === 'string' && DATE_PREFIX.test(lit) ? 'date' : 'text'
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`, 'is')
}

/** A condition as a predicate over records, its literals read once. */
export function compileCondition(c: Condition): (record: Json) => boolean {
  if (c.op === 'LIKE') {
    const re = likeRegex(c.pattern)
    return (record) => {
      const raw = valueAt(record, c.prop)
      return typeof raw === 'string' && re.test(raw)
    }
  }
  const accept = (d: number) =>
    c.op === 'IN' || c.op === '='
      ? d === 0
      : c.op === '<'
        ? d < 0
        : c.op === '>'
          ? d > 0
          : c.op === '<='
            ? d <= 0
            : d >= 0
  const literals = (c.op === 'IN' ? c.values : [c.value]).map((lit) => {
    const reading = readingFor(lit)
    return { reading, slot: `${reading}:${c.prop}`, as: literalAs(lit) }
  })
  return (record) => {
    for (const lit of literals) {
      const left = cached(record, lit.slot, c.prop, lit.reading)
      if (!left) continue
      const right = lit.as[left.kind]
      if (right && accept(compare(left, right))) return true
    }
    return false
  }
}
