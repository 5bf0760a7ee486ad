/**
 * What a `/batch` body may ask for: what the engine batches, creates and updates of the synced
 * entities ({@link writeAllowed}), item by item. Items are strict objects, so an entity the app does
 * not write (Vendor, Bill, …), a query, a delete or an unknown field is refused rather than passed on.
 */
import { z } from 'zod'
import type { ProxiedEntity } from '#shared/api/qbo-proxy.ts'
import { writeAllowed } from './writes.ts'

/** Intuit's reference allows 30 items a batch; the app sends at most that. */
const MAX_ITEMS = 30

const keyed = { Customer: 'customer', Item: 'item', Invoice: 'invoice', Payment: 'payment' } as const satisfies Record<
  string,
  ProxiedEntity
>
type EntityKey = keyof typeof keyed
const entityKeys = Object.keys(keyed) as EntityKey[]

const Payload = z.record(z.string(), z.unknown())
const BatchItem = z.strictObject({
  bId: z.string().min(1).max(64),
  operation: z.string().optional(),
  Customer: Payload.optional(),
  Item: Payload.optional(),
  Invoice: Payload.optional(),
  Payment: Payload.optional(),
})
const BatchBody = z.strictObject({ BatchItemRequest: z.array(z.unknown()).min(1).max(MAX_ITEMS) })

/** Null when every item may be forwarded, else why not (naming the first item refused). */
export function checkBatch(json: unknown): string | null {
  const envelope = BatchBody.safeParse(json)
  if (!envelope.success)
    return `the batch body must be {"BatchItemRequest": [1 to ${MAX_ITEMS} items]} and nothing else`
  for (const [i, raw] of envelope.data.BatchItemRequest.entries()) {
    const reason = checkItem(raw)
    if (reason) return `batch item ${i + 1}: ${reason}`
  }
  return null
}

function checkItem(raw: unknown): string | null {
  const parsed = BatchItem.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.code === 'unrecognized_keys') return `"${issue.keys[0]}" is not forwarded`
    return `${issue?.path.join('.') || 'the item'} is not valid (${issue?.message ?? 'unknown'})`
  }
  const item = parsed.data
  const named = entityKeys.filter((k) => item[k] !== undefined)
  const [key, ...more] = named
  if (key === undefined || more.length > 0) return `an item names exactly one of ${entityKeys.join(', ')}`
  if (item.operation === undefined) return 'an item needs an operation'
  // A void goes on its own call, never in a batch (Intuit's batch takes no void).
  const op = item.operation
  return op !== 'void' && writeAllowed(keyed[key], op) ? null : `operation ${op} is not forwarded for ${key}`
}
