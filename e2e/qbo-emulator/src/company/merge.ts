/**
 * Merging two names as QuickBooks does it (a bookkeeper renames one customer or item to another's name and
 * confirms the merge): the merged-away record's transactions move to the survivor, the merged-away record is
 * gone, and one webhook notice says `Merge` for the survivor with the gone record as `deletedId` (§10.1).
 * Where Intuit is silent the emulator chooses, and docs/emulator.md lists the choices: the merged-away record
 * is a `Deleted` stub in CDC and reads as 610 like an unknown name; the transactions it held are re-pointed
 * with their SyncToken bumped (they show in CDC) but raise no notice of their own; a customer with
 * sub-customers must lose them first; items merge only with items of the same type.
 */
import type { EntityName, Json } from './types.ts'
import type { Realm } from './realm.ts'
import type { Result } from './result.ts'
import { err, ok } from './result.ts'
import { faults } from './faults.ts'
import { cents, isObject, num, refValue, str } from './json.ts'
import { namedRef } from './rules/checks.ts'

export function mergeNames(realm: Realm, entity: EntityName, fromId: string, intoId: string): Result<Json> {
  if (entity !== 'Customer' && entity !== 'Item') return err(faults.unsupportedOperation(`Merge ${entity}`))
  if (fromId === intoId) return err(faults.business(`A ${entity.toLowerCase()} cannot be merged into itself.`))
  const from = realm.read(entity, fromId)
  if (!from.ok) return from
  const into = realm.read(entity, intoId)
  if (!into.ok) return into
  if (into.value.Active === false)
    return err(faults.business(`${entity} ${intoId} is inactive; make it active before merging into it.`))
  const refused = entity === 'Customer' ? customerRefusal(realm, fromId) : itemRefusal(from.value, into.value)
  if (refused) return err(faults.business(refused))

  if (entity === 'Customer') repointCustomer(realm, fromId, into.value)
  else repointItem(realm, fromId, into.value)
  const survivor =
    entity === 'Customer'
      ? realm.restate('Customer', intoId, {
          ...into.value,
          Balance: cents((num(into.value.Balance) ?? 0) + (num(from.value.Balance) ?? 0)),
          BalanceWithJobs: cents((num(into.value.BalanceWithJobs) ?? 0) + (num(from.value.BalanceWithJobs) ?? 0)),
        })
      : realm.restate('Item', intoId, { ...into.value })
  realm.retire(entity, fromId, intoId)
  return ok(survivor)
}

function customerRefusal(realm: Realm, fromId: string): string | undefined {
  for (const row of realm.state.tables.Customer.values())
    if (refValue(row.data.ParentRef) === fromId)
      return `Customer ${fromId} has sub-customers; move them to another parent before merging it.`
  return undefined
}

function itemRefusal(from: Json, into: Json): string | undefined {
  if (from.Type !== into.Type)
    return `Items of different types (${String(from.Type)}, ${String(into.Type)}) cannot be merged.`
  return undefined
}

function repointCustomer(realm: Realm, fromId: string, into: Json): void {
  const ref = namedRef(str(into.Id) ?? '', into.DisplayName)
  for (const entity of ['Invoice', 'Payment'] as const) {
    for (const [id, row] of [...realm.state.tables[entity]])
      if (refValue(row.data.CustomerRef) === fromId) realm.restate(entity, id, { ...row.data, CustomerRef: ref })
  }
}

function repointItem(realm: Realm, fromId: string, into: Json): void {
  const ref = namedRef(str(into.Id) ?? '', into.Name)
  for (const [id, row] of [...realm.state.tables.Invoice]) {
    const lines = Array.isArray(row.data.Line) ? row.data.Line : []
    let moved = false
    const next = lines.map((line: unknown) => {
      if (!isObject(line) || !isObject(line.SalesItemLineDetail)) return line
      if (refValue(line.SalesItemLineDetail.ItemRef) !== fromId) return line
      moved = true
      return { ...line, SalesItemLineDetail: { ...line.SalesItemLineDetail, ItemRef: ref } }
    })
    if (moved) realm.restate('Invoice', id, { ...row.data, Line: next })
  }
}
