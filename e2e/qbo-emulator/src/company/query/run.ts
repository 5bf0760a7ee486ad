/**
 * Runs a parsed query against a company: validation Intuit does after parsing (entity, properties,
 * `Id` only with = and IN, MAXRESULTS ≤ 1000), inactive rows left out unless the query filters on
 * `Active`, comparisons that understand timestamps, references and case-insensitive strings, then
 * paging with Intuit's response shape.
 */
import type { EntityName, Json } from '../types.ts'
import type { RealmState } from '../state.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { clone } from '../json.ts'
import { tombKey } from '../state.ts'
import { entityFromName } from '../entity-paths.ts'
import type { Condition, Query } from './parser.ts'
import { parseQuery } from './parser.ts'
import { DEFAULT_ORDER, canonicalProp } from './fields.ts'
import { compare, compileCondition, sortKeyOf, type Comparable } from './values.ts'
import { cachedRows } from './result-cache.ts'

export const DEFAULT_MAX_RESULTS = 100
export const MAX_RESULTS_LIMIT = 1000

const HAS_ACTIVE: ReadonlySet<EntityName> = new Set([
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Account',
  'TaxCode',
  'TaxRate',
])

function validate(q: Query): Result<{ entity: EntityName; query: Query }> {
  const entity = entityFromName(q.entity)
  if (!entity) return err(faults.queryValidation(`invalid context declaration: ${q.entity}`))
  const where: Condition[] = []
  for (const c of q.where) {
    const prop = canonicalProp(entity, c.prop)
    if (!prop) return err(faults.queryValidation(`property '${c.prop}' is not queryable`))
    if (prop === 'Id' && c.op !== '=' && c.op !== 'IN')
      return err(faults.queryValidation(`Operator ${c.op} is not supported for property Id; use = or IN`))
    where.push({ ...c, prop })
  }
  const orderBy = []
  for (const o of q.orderBy) {
    const prop = canonicalProp(entity, o.prop)
    if (!prop) return err(faults.queryValidation(`property '${o.prop}' is not sortable`))
    orderBy.push({ ...o, prop })
  }
  if (q.maxResults !== undefined && q.maxResults > MAX_RESULTS_LIMIT)
    return err(faults.queryValidation(`value ${q.maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`))
  if (q.maxResults !== undefined && q.maxResults < 1)
    return err(faults.queryValidation(`value ${q.maxResults} is too small. Min allowed value is 1`))
  if (q.startPosition !== undefined && q.startPosition < 1)
    return err(faults.queryValidation(`value ${q.startPosition} is too small. Min allowed value is 1`))
  return ok({ entity, query: { ...q, where, orderBy } })
}

/**
 * `SELECT * FROM CompanyInfo` (a cheap "is the connection alive" call) and `FROM Preferences`:
 * one object each, no filtering beyond what Intuit's samples use.
 */
function singletons(state: RealmState, q: Query): Result<Json> | undefined {
  const name = q.entity.toLowerCase()
  if (name !== 'companyinfo' && name !== 'preferences') return undefined
  if (q.where.length || q.orderBy.length)
    return err(faults.queryValidation(`${q.entity} supports no WHERE or ORDERBY here`))
  if (q.count) return ok({ totalCount: 1 })
  const key = name === 'companyinfo' ? 'CompanyInfo' : 'Preferences'
  return ok({
    [key]: [clone(name === 'companyinfo' ? state.companyInfo : state.preferences)],
    startPosition: 1,
    maxResults: 1,
  })
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
  // COUNT(*) needs no order.
  const order = query.count ? [] : [...query.orderBy, ...DEFAULT_ORDER[entity], { prop: 'Id', desc: false }]
  const select = () => selectRows(state, entity, query.where, order, opts.hidden)
  // A batch's hidden records make its view of the table its own: not cached.
  const rows = opts.hidden?.size ? select() : cachedRows(state, entity, JSON.stringify([query.where, order]), select)
  if (query.count) return ok({ totalCount: rows.length })
  const start = query.startPosition ?? 1
  const page = rows.slice(start - 1, start - 1 + (query.maxResults ?? DEFAULT_MAX_RESULTS))
  if (page.length === 0) return ok({})
  return ok({ [entity]: page, startPosition: start, maxResults: page.length })
}

/** The matching rows in order: inactive ones left out unless `Active` is filtered, as at Intuit. */
function selectRows(
  state: RealmState,
  entity: EntityName,
  where: Condition[],
  order: { prop: string; desc: boolean }[],
  hidden: ReadonlySet<string> | undefined,
): Json[] {
  const filtersActive = where.some((c) => c.prop === 'Active')
  const tests = where.map(compileCondition)
  const keysOf = order.map((o) => sortKeyOf(o.prop))
  const keyed: { data: Json; keys: (Comparable | undefined)[] }[] = []
  for (const [id, row] of state.tables[entity]) {
    if (hidden?.has(tombKey(entity, id))) continue
    if (HAS_ACTIVE.has(entity) && !filtersActive && row.data.Active === false) continue
    if (tests.every((t) => t(row.data))) keyed.push({ data: row.data, keys: keysOf.map((k) => k(row.data)) })
  }
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
  return keyed.map((k) => k.data)
}
