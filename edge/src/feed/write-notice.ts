/**
 * What a device's successful write through the proxy changed, read from QuickBooks' answer: the entities
 * (kind, Id, operation) for the feed, and the invoice DocNumbers for the number leases. A single write
 * answers `{ "<Entity>": {...} }`; a batch answers `{ "BatchItemResponse": [{ bId, "<Entity>": {...} } | { Fault }] }`.
 * Anything unexpected is skipped: the feed only speeds things up.
 */
import type { FeedEntity } from '#shared/api/feed.ts'

export interface WriteNotice {
  entities: FeedEntity[]
  docNumbers: number[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function parse(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The operation a single write performed, from its parameters. */
function operationOf(params: ReadonlyArray<readonly [string, string]>): string {
  const get = (name: string) => params.find(([k]) => k === name)?.[1]
  const op = get('operation')
  if (op === 'void' || get('include') === 'void') return 'Void'
  if (op === 'delete') return 'Delete'
  return op === 'update' ? 'Update' : 'Create'
}

/** The one entity object of an answer or batch item: the capitalised key holding an object with an Id. */
function entityIn(o: Json): { entity: string; record: Json } | null {
  for (const [key, value] of Object.entries(o)) {
    if (/^[A-Z]/.test(key) && key !== 'Fault' && isObject(value) && typeof value.Id === 'string')
      return { entity: key, record: value }
  }
  return null
}

function docNumberOf(entity: string, record: Json): number | null {
  if (entity !== 'Invoice' || typeof record.DocNumber !== 'string') return null
  return /^\d{1,15}$/.test(record.DocNumber) ? Number(record.DocNumber) : null
}

/** The notice of one proxied POST whose answer was 2xx. */
export function writeNotice(
  path: string,
  params: ReadonlyArray<readonly [string, string]>,
  requestBody: string | null,
  answer: string,
): WriteNotice {
  const notice: WriteNotice = { entities: [], docNumbers: [] }
  const json = parse(answer)
  if (!isObject(json)) return notice
  const add = (o: Json, operation: string) => {
    const found = entityIn(o)
    if (!found) return
    const deleted = found.record.status === 'Deleted'
    notice.entities.push({
      entity: found.entity,
      id: found.record.Id as string,
      operation: deleted ? 'Delete' : operation,
    })
    const n = docNumberOf(found.entity, found.record)
    if (n !== null) notice.docNumbers.push(n)
  }
  if (path !== 'batch') {
    add(json, operationOf(params))
    return notice
  }
  const requested = parse(requestBody)
  const ops = new Map<string, string>()
  if (isObject(requested) && Array.isArray(requested.BatchItemRequest)) {
    for (const item of requested.BatchItemRequest) {
      if (isObject(item) && typeof item.bId === 'string')
        ops.set(item.bId, item.operation === 'update' ? 'Update' : 'Create')
    }
  }
  if (!Array.isArray(json.BatchItemResponse)) return notice
  for (const item of json.BatchItemResponse) {
    if (isObject(item)) add(item, ops.get(String(item.bId)) ?? 'Update')
  }
  return notice
}
