/**
 * Which query statements the proxy forwards: a `SELECT * | COUNT(*) FROM <Entity> [clauses]` of an
 * entity the app reads (its four synced entities, Account, and Preferences for how the company numbers invoices).
 * Intuit's grammar allows one entity per
 * statement and no joins or subqueries (docs/quickbooks.md §5), so the entity after FROM is the only one read.
 */
import { proxiedEntities } from '#shared/api/qbo-proxy.ts'

const readable: ReadonlySet<string> = new Set([...proxiedEntities, 'account', 'preferences'])

const select =
  /^\s*select\s+(?:\*|count\s*\(\s*\*\s*\))\s+from\s+([A-Za-z]+)(?:\s+(?:where|orderby|order\s+by|startposition|maxresults)\b[\s\S]*)?\s*$/i

/** Entity names are case-insensitive in Intuit's query language and CDC list alike. */
export function readableEntity(name: string): boolean {
  return readable.has(name.toLowerCase())
}

/** Null when the statement may be forwarded, else why not. */
export function checkStatement(statement: string): string | null {
  const m = select.exec(statement)
  if (m === null) return 'only SELECT * or SELECT COUNT(*) FROM one entity is forwarded'
  const entity = m[1]!
  return readableEntity(entity) ? null : `queries of ${entity} are not forwarded`
}
