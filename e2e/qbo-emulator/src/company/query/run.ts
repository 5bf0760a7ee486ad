/**
 * Runs a parsed query against a company: validation Intuit does after parsing (entity, properties,
 * `Id` only with = and IN, MAXRESULTS ≤ 1000), inactive rows left out unless the query filters on
 * `Active`, comparisons that understand timestamps, references and case-insensitive strings, then
 * paging with Intuit's response shape.
 */
import type { EntityName, Json } from '../types.ts'
import type { RealmState } from '../state.ts'
import type { Result } from '../result.ts'
import { fail, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { clone, isObject } from '../json.ts'
import { parseTimestamp } from '../time.ts'
import { tombKey } from '../state.ts'
import { entityFromName } from '../entity-paths.ts'
import type { Condition, Literal, Query } from './parser.ts'
import { parseQuery } from './parser.ts'
import { DEFAULT_ORDER, canonicalProp } from './fields.ts'

export const DEFAULT_MAX_RESULTS = 100
export const MAX_RESULTS_LIMIT = 1000

const HAS_ACTIVE: ReadonlySet<EntityName> = new Set(['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'TaxCode', 'TaxRate'])

/** A record's value at a dotted path, with references and email/phone objects reduced to their text. */
function valueAt(record: Json, path: string): unknown {
  let v: unknown = record
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined
  if (isObject(v)) return v.value ?? v.Address ?? v.FreeFormNumber ?? v.URI
  return v
}

type Comparable = { kind: 'num'; v: number } | { kind: 'str'; v: string } | { kind: 'bool'; v: boolean }

function comparable(v: unknown, hint: Literal): Comparable | undefined {
  if (typeof v === 'boolean') return { kind: 'bool', v }
  if (typeof v === 'number') return { kind: 'num', v }
  if (typeof v !== 'string') return undefined
  // Timestamps and dates compare as instants when the literal is one too.
  if (typeof hint === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && /^\d{4}-\d{2}-\d{2}/.test(hint)) {
    const t = parseTimestamp(v)
    if (t !== undefined) return { kind: 'num', v: t }
  }
  if (typeof hint === 'number' && v.trim() !== '' && Number.isFinite(Number(v))) return { kind: 'num', v: Number(v) }
  return { kind: 'str', v: v.toLowerCase() }
}

function literalComparable(lit: Literal, like: Comparable): Comparable | undefined {
  if (like.kind === 'bool') return typeof lit === 'boolean' ? { kind: 'bool', v: lit } : typeof lit === 'string' ? { kind: 'bool', v: lit.toLowerCase() === 'true' } : undefined
  if (like.kind === 'num') {
    if (typeof lit === 'number') return { kind: 'num', v: lit }
    if (typeof lit !== 'string') return undefined
    const t = /^\d{4}-\d{2}-\d{2}/.test(lit) ? parseTimestamp(lit) : Number(lit)
    return t === undefined || Number.isNaN(t) ? undefined : { kind: 'num', v: t }
  }
  return { kind: 'str', v: String(lit).toLowerCase() }
}

function compare(a: Comparable, b: Comparable): number {
  if (a.v === b.v) return 0
  return a.v < b.v ? -1 : 1
}

function likeRegex(pattern: string): RegExp {
  const body = pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')
  return new RegExp(`^${body}$`, 'is')
}

function matches(record: Json, c: Condition): boolean {
  const raw = valueAt(record, c.prop)
  if (c.op === 'LIKE') return typeof raw === 'string' && likeRegex(c.pattern).test(raw)
  const values = c.op === 'IN' ? c.values : [c.value]
  for (const lit of values) {
    const left = comparable(raw, lit)
    if (!left) continue
    const right = literalComparable(lit, left)
    if (!right) continue
    const d = compare(left, right)
    const hit = c.op === 'IN' || c.op === '=' ? d === 0 : c.op === '<' ? d < 0 : c.op === '>' ? d > 0 : c.op === '<=' ? d <= 0 : d >= 0
    if (hit) return true
  }
  return false
}

function sortKey(record: Json, prop: string): Comparable | undefined {
  const v = valueAt(record, prop)
  if (prop === 'Id' && typeof v === 'string') return { kind: 'num', v: Number(v) }
  return comparable(v, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v : '')
}

function validate(q: Query): Result<{ entity: EntityName; query: Query }> {
  const entity = entityFromName(q.entity)
  if (!entity) return fail(faults.queryValidation(`invalid context declaration: ${q.entity}`))
  const where: Condition[] = []
  for (const c of q.where) {
    const prop = canonicalProp(entity, c.prop)
    if (!prop) return fail(faults.queryValidation(`property '${c.prop}' is not queryable`))
    if (prop === 'Id' && c.op !== '=' && c.op !== 'IN') return fail(faults.queryValidation(`Operator ${c.op} is not supported for property Id; use = or IN`))
    where.push({ ...c, prop })
  }
  const orderBy = []
  for (const o of q.orderBy) {
    const prop = canonicalProp(entity, o.prop)
    if (!prop) return fail(faults.queryValidation(`property '${o.prop}' is not sortable`))
    orderBy.push({ ...o, prop })
  }
  if (q.maxResults !== undefined && q.maxResults > MAX_RESULTS_LIMIT) return fail(faults.queryValidation(`value ${q.maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`))
  if (q.maxResults !== undefined && q.maxResults < 1) return fail(faults.queryValidation(`value ${q.maxResults} is too small. Min allowed value is 1`))
  if (q.startPosition !== undefined && q.startPosition < 1) return fail(faults.queryValidation(`value ${q.startPosition} is too small. Min allowed value is 1`))
  return ok({ entity, query: { ...q, where, orderBy } })
}

/**
 * `SELECT * FROM CompanyInfo` (a cheap "is the connection alive" call) and `FROM Preferences`:
 * one object each, no filtering beyond what Intuit's samples use.
 */
function singletons(state: RealmState, q: Query): Result<Json> | undefined {
  const name = q.entity.toLowerCase()
  if (name !== 'companyinfo' && name !== 'preferences') return undefined
  if (q.where.length || q.orderBy.length) return fail(faults.queryValidation(`${q.entity} supports no WHERE or ORDERBY here`))
  if (q.count) return ok({ totalCount: 1 })
  const key = name === 'companyinfo' ? 'CompanyInfo' : 'Preferences'
  return ok({ [key]: [clone(name === 'companyinfo' ? state.companyInfo : state.preferences)], startPosition: 1, maxResults: 1 })
}

export interface QueryOptions {
  /** Batch: records created earlier in the same batch stay invisible. */
  hidden?: ReadonlySet<string>
}

/** The `QueryResponse` member for a query text, or its fault. */
export function runQuery(state: RealmState, text: string, opts: QueryOptions = {}): Result<Json> {
  const parsed = parseQuery(text.trim())
  if (!parsed.ok) return parsed
  const single = singletons(state, parsed.value)
  if (single) return single
  const checked = validate(parsed.value)
  if (!checked.ok) return checked
  const { entity, query } = checked.value
  const filtersActive = query.where.some((c) => c.prop === 'Active')
  const rows: Json[] = []
  for (const [id, row] of state.tables[entity]) {
    if (opts.hidden?.has(tombKey(entity, id))) continue
    if (HAS_ACTIVE.has(entity) && !filtersActive && row.data.Active === false) continue
    if (query.where.every((c) => matches(row.data, c))) rows.push(row.data)
  }
  if (query.count) return ok({ totalCount: rows.length })
  const order = [...query.orderBy, ...DEFAULT_ORDER[entity], { prop: 'Id', desc: false }]
  // Sort keys are computed once per row, not once per comparison: a 10,000-row page stays fast.
  const keyed = rows.map((data) => ({ data, keys: order.map((o) => sortKey(data, o.prop)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const x = a.keys[i]
      const y = b.keys[i]
      if (!x && !y) continue
      if (!x) return 1
      if (!y) return -1
      const d = compare(x, y)
      if (d !== 0) return order[i]?.desc ? -d : d
    }
    return 0
  })
  const sorted = keyed.map((k) => k.data)
  const start = query.startPosition ?? 1
  const page = sorted.slice(start - 1, start - 1 + (query.maxResults ?? DEFAULT_MAX_RESULTS))
  if (page.length === 0) return ok({})
  return ok({ [entity]: page.map(clone), startPosition: start, maxResults: page.length })
}
