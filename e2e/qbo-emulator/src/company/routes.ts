/**
 * The Accounting API v3 over HTTP, as Intuit serves it under `/v3/company/{realmId}/`:
 * entity create/read/update/delete/void, companyinfo, preferences, query, cdc and batch, with
 * `minorversion` and `requestid` on every call. Bodies are `{"<Entity>": …, "time": …}` or a
 * Fault envelope with Intuit's status. Mounted by the app behind bearer auth and limits.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { ApiBehaviour } from '../config.ts'
import type { Clock, Json } from './types.ts'
import type { Realm } from './realm.ts'
import type { StoredResponse } from './state.ts'
import type { Fault, Result } from './result.ts'
import { err, faultJson, ok } from './result.ts'
import { faults } from './faults.ts'
import { isObject } from './json.ts'
import { formatResponseTime } from './time.ts'
import { entityFromPath } from './entity-paths.ts'
import { effectiveMinorVersion } from './minor-version.ts'
import { MAX_BATCH_REQUEST_ID, MAX_REQUEST_ID, runOnce } from './requestid.ts'
import { runQuery } from './query/run.ts'
import { runCdc } from './cdc.ts'
import { runBatch } from './batch.ts'
import { writeRefusal } from './subscription.ts'
import { jsonText } from './json-text.ts'

export interface RouteDeps {
  clock: Clock
  realm(realmId: string): Realm | undefined
  behaviour(): ApiBehaviour
}

const faultResponse = (f: Fault, now: number): StoredResponse => ({
  status: f.status,
  body: { Fault: faultJson(f), time: formatResponseTime(now) },
})

export function accountingRoutes(deps: RouteDeps): Hono {
  const app = new Hono()
  const now = () => deps.clock.now()
  // Serialised with each stored record's text reused (json-text.ts): pages of 1000 rows stay cheap.
  const send = (c: Context, r: StoredResponse) =>
    c.body(jsonText(r.body), r.status as 200, { 'Content-Type': 'application/json' })
  const answer = (key: string, r: Result<unknown>): StoredResponse =>
    r.ok ? { status: 200, body: { [key]: r.value, time: formatResponseTime(now()) } } : faultResponse(r.error, now())
  const memory = () => ({ now: now(), retention: deps.behaviour().requestIdRetention })

  function realmOf(c: Context): Result<Realm> {
    const realmId = c.req.param('realmId') ?? ''
    const realm = deps.realm(realmId)
    return realm ? ok(realm) : err(faults.unknownRealm(realmId))
  }

  async function jsonBody(c: Context): Promise<Result<Json>> {
    const text = await c.req.text()
    try {
      const parsed: unknown = JSON.parse(text)
      if (isObject(parsed)) return ok(parsed)
      return err(faults.malformedJson('expected a JSON object'))
    } catch (e) {
      return err(faults.malformedJson(e instanceof Error ? e.message : 'invalid JSON'))
    }
  }

  app.get('/companyinfo/:id', (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    if (c.req.param('id') !== realm.value.state.realmId)
      return send(c, faultResponse(faults.notFound('CompanyInfo', c.req.param('id')), now()))
    return send(c, answer('CompanyInfo', ok(realm.value.state.companyInfo)))
  })

  app.get('/preferences', (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    return send(c, answer('Preferences', ok(realm.value.state.preferences)))
  })

  const query = (c: Context, text: string) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    return send(c, answer('QueryResponse', runQuery(realm.value.state, text)))
  }
  app.get('/query', (c) => query(c, c.req.query('query') ?? ''))
  app.post('/query', async (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    const text = c.req.query('query') ?? (await c.req.text())
    const r = runOnce(realm.value.state, c.req.query('requestid'), MAX_REQUEST_ID, memory(), () =>
      answer('QueryResponse', runQuery(realm.value.state, text)),
    )
    return send(c, r.ok ? r.value : faultResponse(r.error, now()))
  })

  app.get('/cdc', (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    const r = runCdc(
      realm.value.state,
      now(),
      c.req.query('entities') ?? '',
      c.req.query('changedSince') ?? '',
      deps.behaviour().cdcCap,
    )
    return send(
      c,
      r.ok
        ? { status: 200, body: { CDCResponse: r.value, time: formatResponseTime(now()) } }
        : faultResponse(r.error, now()),
    )
  })

  app.post('/batch', async (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    const body = await jsonBody(c)
    const minorVersion = effectiveMinorVersion(c.req.query('minorversion'))
    const requestId = c.req.query('requestid')
    const refusal = writeRefusal(realm.value.state)
    const r = runOnce(realm.value.state, requestId, MAX_BATCH_REQUEST_ID, memory(), () => {
      if (!body.ok) return faultResponse(body.error, now())
      const items = runBatch(realm.value, body.value, {
        minorVersion,
        withRequestId: requestId !== undefined && requestId !== '',
        ...(refusal ? { refuseWrites: refusal } : {}),
      })
      return items.ok
        ? { status: 200, body: { BatchItemResponse: items.value, time: formatResponseTime(now()) } }
        : faultResponse(items.error, now())
    })
    return send(c, r.ok ? r.value : faultResponse(r.error, now()))
  })

  app.get('/:entity/:id', (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    const entity = entityFromPath(c.req.param('entity'))
    if (!entity)
      return send(
        c,
        faultResponse(faults.unsupportedOperation(`Could not find resource for relative : ${c.req.path}`), now()),
      )
    return send(c, answer(entity, realm.value.read(entity, c.req.param('id'))))
  })

  app.post('/:entity', async (c) => {
    const realm = realmOf(c)
    if (!realm.ok) return send(c, faultResponse(realm.error, now()))
    const entity = entityFromPath(c.req.param('entity'))
    if (!entity)
      return send(
        c,
        faultResponse(faults.unsupportedOperation(`Could not find resource for relative : ${c.req.path}`), now()),
      )
    const minorVersion = effectiveMinorVersion(c.req.query('minorversion'))
    const operation = c.req.query('operation')
    const include = c.req.query('include')
    const body = await jsonBody(c)
    // Refused before the request is taken on, so it is not remembered under its requestid either.
    const refusal = writeRefusal(realm.value.state)
    if (refusal) return send(c, faultResponse(refusal, now()))
    const r = runOnce(realm.value.state, c.req.query('requestid'), MAX_REQUEST_ID, memory(), () => {
      if (!body.ok) return faultResponse(body.error, now())
      const opts = { minorVersion, allowDuplicateDocNumber: include === 'allowduplicatedocnum' }
      const b = body.value
      if (operation === 'delete') return answer(entity, realm.value.remove(entity, b, opts))
      // Intuit documents `operation=void` for invoices and `operation=update&include=void` for payments.
      if (operation === 'void' && entity === 'Invoice') return answer(entity, realm.value.voidTxn(entity, b, opts))
      if (operation === 'update' && include === 'void' && entity === 'Payment')
        return answer(entity, realm.value.voidTxn(entity, b, opts))
      if (operation === 'void' || include === 'void')
        return faultResponse(faults.unsupportedOperation(`void of ${entity} with operation=${operation ?? ''}`), now())
      if (operation !== undefined && operation !== 'update' && operation !== 'create')
        return faultResponse(faults.unsupportedOperation(operation), now())
      if (b.Id !== undefined)
        return answer(entity, realm.value.update(entity, b, { ...opts, sparse: b.sparse === true }))
      return answer(entity, realm.value.create(entity, b, opts))
    })
    return send(c, r.ok ? r.value : faultResponse(r.error, now()))
  })

  app.all('*', (c) =>
    send(c, faultResponse(faults.unsupportedOperation(`Could not find resource for relative : ${c.req.path}`), now())),
  )
  return app
}
