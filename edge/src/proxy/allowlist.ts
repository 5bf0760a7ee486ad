/**
 * Which QuickBooks calls the proxy forwards: only those the app's sync makes. Everything else is
 * refused with a reason, so a stolen session cookie cannot reach reports, payroll or other entities.
 * This judges method, path and parameters; body-check.ts judges the batch and query bodies.
 */
import { err, ok, type Result } from '#shared/result.ts'
import { proxiedEntities, type ProxiedEntity } from '#shared/api/qbo-proxy.ts'
import type { CallKind } from '../pacer/policy.ts'
import { checkStatement, readableEntity } from './query-statement.ts'
import { writeAllowed, type WriteOperation } from './writes.ts'

/** Why a call is not forwarded, in words the app can show. */
export type NotForwarded = { kind: 'not_forwarded'; message: string }
export type Allowed = Result<{ kind: CallKind }, NotForwarded>

const entities: ReadonlySet<string> = new Set(proxiedEntities)
const id = /^[A-Za-z0-9_-]{1,64}$/
const always = new Set(['minorversion', 'requestid'])

const allow = (kind: CallKind = 'call'): Allowed => ok({ kind })
const deny = (reason: string): Allowed => err(notForwarded(reason))

export const notForwarded = (reason: string): NotForwarded => ({
  kind: 'not_forwarded',
  message: `Refused: ${reason}.`,
})

const operationParams: ReadonlySet<string> = new Set(['update', 'delete', 'void'])

/**
 * @param segments path below `/v3/company/{realmId}/`, already split on `/`
 * @param realmId the session's realm (companyinfo must name it)
 */
export function checkAllowed(
  method: string,
  segments: readonly string[],
  query: URLSearchParams,
  realmId: string,
): Allowed {
  // Only the first value of a repeated parameter would be checked here, yet Intuit gets them all.
  const seen = new Set<string>()
  for (const k of query.keys()) {
    if (seen.has(k)) return deny(`query parameter "${k}" appears more than once`)
    seen.add(k)
  }
  const extra = [...query.keys()].filter((k) => !always.has(k))
  const onlyParams = (...names: string[]): string | null => {
    const bad = extra.filter((k) => !names.includes(k))
    return bad.length ? `query parameter "${bad[0]}" is not forwarded` : null
  }
  const [head, second, ...rest] = segments
  if (head === undefined || head === '') return deny('an empty QuickBooks path is not forwarded')
  if (rest.length > 0) return deny(`"${segments.join('/')}" is not a QuickBooks path the app uses`)
  const what = `${method} ${segments.join('/')}`

  if (isProxied(head)) {
    if (method === 'GET' && second !== undefined) {
      if (!id.test(second)) return deny(`"${second}" is not a QuickBooks id`)
      return paramsOr(onlyParams(), allow())
    }
    if (method === 'POST' && second === undefined) {
      const bad = onlyParams('operation', 'include')
      if (bad) return deny(bad)
      const op = query.get('operation')
      // Without ?operation= a POST creates (or fully updates, by Id in the body).
      if (op !== null && !(operationParams.has(op) && writeAllowed(head, op as WriteOperation))) {
        return deny(`operation=${op} is not forwarded for ${head}`)
      }
      const include = query.get('include')
      if (include !== null && !(head === 'payment' && include === 'void' && op === 'update')) {
        return deny(`include=${include} is not forwarded for ${head}`)
      }
      return allow()
    }
    return deny(`${what} is not forwarded (entities: POST to create/update, GET by id)`)
  }

  switch (head) {
    case 'account':
      if (method === 'GET' && second !== undefined && id.test(second)) return paramsOr(onlyParams(), allow())
      break
    case 'query':
      if (second !== undefined) break
      if (method === 'GET') {
        const statement = query.get('query')
        if (statement === null) return deny('GET query needs a query parameter')
        return paramsOr(onlyParams('query') ?? checkStatement(statement), allow())
      }
      // The statement is the body, checked once it is read (checkBody).
      if (method === 'POST') return paramsOr(onlyParams(), allow())
      break
    case 'cdc':
      if (method === 'GET' && second === undefined)
        return paramsOr(onlyParams('entities', 'changedSince') ?? checkCdcEntities(query.get('entities')), allow())
      break
    case 'batch':
      if (method === 'POST' && second === undefined) return paramsOr(onlyParams(), allow('batch'))
      break
    case 'companyinfo':
      if (method === 'GET' && second !== undefined) {
        if (second !== realmId) return deny("companyinfo may only be read for the session's own company")
        return paramsOr(onlyParams(), allow())
      }
      break
    case 'preferences':
      if (method === 'GET' && second === undefined) return paramsOr(onlyParams(), allow())
      break
  }
  return deny(`${what} is not a QuickBooks call the app uses`)
}

function paramsOr(bad: string | null, ok: Allowed): Allowed {
  return bad ? deny(bad) : ok
}

function isProxied(name: string): name is ProxiedEntity {
  return entities.has(name)
}

function checkCdcEntities(list: string | null): string | null {
  if (list === null) return 'cdc needs an entities parameter'
  const other = list.split(',').find((name) => !readableEntity(name.trim()))
  return other === undefined ? null : `cdc of "${other}" is not forwarded`
}
