/**
 * Batch (docs/quickbooks.md §7): up to 30 BatchItemRequests, each a create, update or delete of one
 * entity or a Query, answered item by item with its own Fault when it fails. Items run in order,
 * but none can see what an earlier item of the same batch created (Intuit's 2017 batch blog: a
 * customer created in a batch cannot be used by an invoice in that batch). A batch response holds at
 * most 1000 objects (§7); query rows past that are cut, as CDC cuts at its cap (how Intuit cuts is
 * not documented), and `maxResults` says how many a page kept.
 */
import type { Json } from './types.ts'
import type { Realm } from './realm.ts'
import type { Fault, Result } from './result.ts'
import { err, faultJson, ok } from './result.ts'
import { faults } from './faults.ts'
import { isObject, str } from './json.ts'
import { tombKey } from './state.ts'
import { entityFromName } from './entity-paths.ts'
import { runQuery } from './query/run.ts'

export const MAX_BATCH_ITEMS = 30
export const MAX_BID_WITH_REQUEST_ID = 10
export const MAX_BATCH_OBJECTS = 1000

export interface BatchOptions {
  minorVersion: number
  /** With a requestid on the batch call, each bId may be at most 10 characters. */
  withRequestId: boolean
  /** The company refuses writes (subscription status): each write item gets this fault; queries run. */
  refuseWrites?: Fault
}

export function runBatch(realm: Realm, body: Json, opts: BatchOptions): Result<Json[]> {
  const items = body.BatchItemRequest
  if (!Array.isArray(items) || items.length === 0) return err(faults.required('BatchItemRequest'))
  if (items.length > MAX_BATCH_ITEMS) return err(faults.batchTooLarge(items.length, MAX_BATCH_ITEMS))
  const hidden = new Set<string>()
  let room = MAX_BATCH_OBJECTS
  return ok(
    items.map((item) => {
      const reply = runItem(realm, item, hidden, opts)
      const qr = isObject(reply.QueryResponse) ? reply.QueryResponse : undefined
      if (!qr) {
        if (!reply.Fault) room = Math.max(0, room - 1)
        return reply
      }
      const key = Object.keys(qr).find((k) => Array.isArray(qr[k]))
      if (key === undefined) return reply
      const rows = (qr[key] as unknown[]).slice(0, room)
      room -= rows.length
      return { ...reply, QueryResponse: rows.length ? { ...qr, [key]: rows, maxResults: rows.length } : {} }
    }),
  )
}

function runItem(realm: Realm, item: unknown, hidden: Set<string>, opts: BatchOptions): Json {
  if (!isObject(item)) return { Fault: faultJson(faults.malformedJson('a BatchItemRequest must be an object')) }
  const bId = str(item.bId)
  const reply = (r: Result<unknown>, key: string): Json =>
    r.ok ? { bId, [key]: r.value } : { bId, Fault: faultJson(r.error) }
  if (!bId) return { Fault: faultJson(faults.required('bId')) }
  if (opts.withRequestId && bId.length > MAX_BID_WITH_REQUEST_ID)
    return reply(err(faults.length('bId', MAX_BID_WITH_REQUEST_ID, bId.length)), '')
  if (typeof item.Query === 'string') return reply(runQuery(realm.state, item.Query, { hidden }), 'QueryResponse')

  const keys = Object.keys(item).filter((k) => k !== 'bId' && k !== 'operation' && k !== 'optionsData')
  const key = keys.find((k) => entityFromName(k) !== undefined && isObject(item[k]))
  const entity = key ? entityFromName(key) : undefined
  if (!key || !entity) return reply(err(faults.required('BatchItemRequest entity', 'an entity or Query')), '')
  const payload = item[key] as Json
  if (opts.refuseWrites && item.operation !== undefined) return reply(err(opts.refuseWrites), entity)
  const writeOpts = { minorVersion: opts.minorVersion, hidden }
  switch (item.operation) {
    case 'create': {
      const r = realm.create(entity, payload, writeOpts)
      if (r.ok) hidden.add(tombKey(entity, String(r.value.Id)))
      return reply(r, entity)
    }
    case 'update':
      return reply(realm.update(entity, payload, { ...writeOpts, sparse: payload.sparse === true }), entity)
    case 'delete':
      return reply(realm.remove(entity, payload, writeOpts), entity)
    case undefined:
      return reply(err(faults.required('operation')), entity)
    default:
      return reply(err(faults.invalidEnum('operation', String(item.operation))), entity)
  }
}
