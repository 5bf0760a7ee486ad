/**
 * What a bookkeeper does in QuickBooks beyond the API's writes: the defaults its forms fill in, and grouping
 * payments into a bank deposit (after which QuickBooks refuses to change them, 6540). Merges live in `merge.ts`.
 */
import type { EntityName, Json } from './types.ts'
import type { Realm } from './realm.ts'
import type { Result } from './result.ts'
import { ok } from './result.ts'

/** The QuickBooks product form books a new item's sales to the company's first income account unless told. */
export function formDefaults(realm: Realm, entity: EntityName, body: Json): Json {
  if (entity !== 'Item' || body.IncomeAccountRef !== undefined || body.Type === 'Category') return body
  for (const [id, row] of realm.state.tables.Account)
    if (row.data.AccountType === 'Income' && row.data.Active !== false)
      return { ...body, IncomeAccountRef: { value: id } }
  return body
}

/** Puts payments into a deposit (`held`) or takes them out again; all or none. */
export function depositPayments(realm: Realm, paymentIds: string[], held = true): Result<string[]> {
  for (const id of paymentIds) {
    const found = realm.read('Payment', id)
    if (!found.ok) return found
  }
  for (const id of paymentIds) {
    const row = realm.state.tables.Payment.get(id)
    if (!row) continue
    const { deposited: _held, ...rest } = row.facts
    row.facts = held ? { ...rest, deposited: true } : rest
  }
  return ok(paymentIds)
}
