/**
 * Which QuickBooks calls the proxy forwards: exactly those the app's sync engine makes
 * (web/src/sync/adapters/edge-gateway.ts), and nothing else:
 *
 * - `GET query?query=<SELECT of a synced entity or Account>`
 * - `GET cdc?entities=<synced entities>&changedSince=<time>`
 * - `GET {customer|item|invoice|payment}/{id}`
 * - `POST {entity}?requestid=…[&operation=update|void]` (void: invoices; a payment is voided by
 *   `operation=update&include=void`), a JSON object body
 * - `POST payment?requestid=…&operation=delete`, a body of exactly `{Id, SyncToken}` (delete-body.ts)
 * - `POST batch?requestid=…`, creates and updates only (batch-body.ts)
 *
 * The answer is the checked call: the parameters as parsed here, in a fixed order, so the edge
 * forwards what it judged and not what it received. Bodies are judged once read (body-check.ts).
 */
import { err, ok, type Result } from '#shared/result.ts'
import { proxiedEntities, type ProxiedEntity } from '#shared/api/qbo-proxy.ts'
import type { Permission } from '#shared/api/team.ts'
import type { CallKind } from '../pacer/policy.ts'
import { checkStatement } from './query-statement.ts'
import { parseSearch, type SearchParams } from './search-params.ts'
import { singleWriteAllowed } from './writes.ts'

/** Why a call is not forwarded, in words the app can show. */
export type NotForwarded = { kind: 'not_forwarded'; message: string }

/** What the body of an allowed call must be: none (GET), one entity object, a batch envelope, or `{Id, SyncToken}`. */
export type BodyShape = 'none' | 'entity' | 'batch' | 'delete'

export interface CheckedCall {
  kind: CallKind
  method: 'GET' | 'POST'
  /** Below `/v3/company/{realmId}/`. */
  path: string
  /** The parameters to forward, parsed and checked, in the order they are sent. */
  params: ReadonlyArray<readonly [string, string]>
  body: BodyShape
  /** What the session's role must allow (team.ts `rolePermissions`): deletes and voids are not every role's. */
  permission: Permission
}
export type Allowed = Result<CheckedCall, NotForwarded>

export const notForwarded = (reason: string): NotForwarded => ({
  kind: 'not_forwarded',
  message: `Refused: ${reason}.`,
})
const deny = (reason: string): Allowed => err(notForwarded(reason))

const entities: ReadonlySet<string> = new Set(proxiedEntities)
const id = /^[A-Za-z0-9_-]{1,64}$/
/** The engine's request ids: UUIDs; Intuit takes up to 50 characters. */
const requestId = /^[A-Za-z0-9_.:-]{1,50}$/
const timestamp = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * @param segments path below `/v3/company/{realmId}/`, already split on `/` (still percent-encoded)
 * @param rawSearch the query string as received, without `?`
 */
export function checkAllowed(method: string, segments: readonly string[], rawSearch: string): Allowed {
  const parsed = parseSearch(rawSearch)
  if (!parsed.ok) return deny(parsed.error)
  const query = parsed.value
  const [head, second, ...rest] = segments
  if (head === undefined || head === '') return deny('an empty QuickBooks path is not forwarded')
  const what = `${method} ${segments.join('/')}`
  if (rest.length > 0 || (method !== 'GET' && method !== 'POST')) return deny(`${what} is not a call the app makes`)

  if (method === 'GET') {
    const read = { kind: 'call', method, body: 'none', permission: 'records' } as const
    if (isEntity(head) && second !== undefined) {
      if (!id.test(second)) return deny(`"${second}" is not a QuickBooks id`)
      return take(query, [], () => null, { ...read, path: `${head}/${second}` })
    }
    if (second !== undefined) return deny(`${what} is not a call the app makes`)
    if (head === 'query') return take(query, ['query'], (p) => checkStatement(p.get('query')!), { ...read, path: head })
    if (head === 'cdc') return take(query, ['entities', 'changedSince'], checkCdc, { ...read, path: head })
    return deny(`${what} is not a call the app makes`)
  }

  if (second !== undefined) return deny(`${what} is not a call the app makes`)
  if (head === 'batch') {
    const batch = { kind: 'batch', method, path: head, body: 'batch', permission: 'records' } as const
    return take(query, [], () => null, batch, ['requestid'])
  }
  if (!isEntity(head)) return deny(`${what} is not a call the app makes`)
  const op = query.get('operation')
  const write = {
    kind: 'call',
    method,
    path: head,
    body: op === 'delete' ? 'delete' : 'entity',
    permission: op === 'delete' || op === 'void' || query.get('include') === 'void' ? 'deleteInQuickBooks' : 'records',
  } as const
  return take(query, [], (p) => checkWrite(head, p), write, ['requestid', 'operation', 'include'])
}

/**
 * The call with its parameters: `required` ones must be there, `optional` ones may, anything else is
 * refused; `check` judges the values. Parameters go out in the order the two lists name them.
 */
function take(
  query: SearchParams,
  required: readonly string[],
  check: (p: SearchParams) => string | null,
  call: Omit<CheckedCall, 'params'>,
  optional: readonly string[] = [],
): Allowed {
  const known = [...required, ...optional]
  for (const name of query.keys()) {
    if (!known.includes(name)) return deny(`query parameter "${name}" is not forwarded for ${call.method} ${call.path}`)
  }
  const missing = required.find((name) => !query.has(name))
  if (missing !== undefined) return deny(`${call.method} ${call.path} needs a ${missing} parameter`)
  const rid = query.get('requestid')
  if (rid !== undefined && !requestId.test(rid)) return deny('requestid must be 1 to 50 letters, digits or -_.:')
  const reason = check(query)
  if (reason !== null) return deny(reason)
  const params = known.filter((name) => query.has(name)).map((name) => [name, query.get(name)!] as const)
  return ok({ ...call, params })
}

function checkWrite(entity: ProxiedEntity, query: SearchParams): string | null {
  const op = query.get('operation')
  const include = query.get('include')
  if (include !== undefined) {
    return entity === 'payment' && include === 'void' && op === 'update'
      ? null
      : `include=${include} is not forwarded for ${entity}${op ? ` operation=${op}` : ''}`
  }
  // Without ?operation= a POST creates (or fully updates, by Id in the body).
  if (op !== undefined && !singleWriteAllowed(entity, op)) return `operation=${op} is not forwarded for ${entity}`
  return null
}

function checkCdc(query: SearchParams): string | null {
  if (!timestamp.test(query.get('changedSince')!)) return 'changedSince must be a date and time'
  const list = query.get('entities')!.split(',')
  const other = list.find((name) => !isEntity(name.trim().toLowerCase()))
  return other === undefined ? null : `cdc of "${other}" is not forwarded`
}

function isEntity(name: string): name is ProxiedEntity {
  return entities.has(name)
}
