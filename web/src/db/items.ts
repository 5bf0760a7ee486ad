/**
 * Pricebook items: the only code that writes `items`. Edits bump the version and
 * queue the item; deletes are soft (inactive in QuickBooks, which never deletes items).
 */
import { Item, ItemInput } from '#shared/domain/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { enqueueNew } from './outbox.ts'
import { bumped, fresh, notFound, queue, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Item, ItemInput }

function fieldsOf(i: Item): ItemInput {
  const { id: _i, version: _v, updatedAt: _u, deletedAt: _d, ...rest } = i
  return rest
}

export async function createItem(db: FieldsyncDB, input: ItemInput): Promise<Result<Item, DomainError>> {
  const r = validate(Item, { ...fresh(db), ...input })
  if (!r.ok) return r
  const item = r.value
  await db.transaction('rw', db.items, db.outbox, async () => {
    await db.items.add(item)
    await queue(db, 'item', item, 'create')
  })
  return ok(item)
}

/** Many items in one transaction; nothing is written if any is invalid. */
export async function createItems(db: FieldsyncDB, inputs: readonly ItemInput[]): Promise<Result<Item[], DomainError>> {
  const items: Item[] = []
  for (const input of inputs) {
    const r = validate(Item, { ...fresh(db), ...input })
    if (!r.ok) return r
    items.push(r.value)
  }
  await db.transaction('rw', db.items, db.outbox, async () => {
    await db.items.bulkAdd(items)
    await enqueueNew(
      db,
      items.map((i) => ({ kind: 'item' as const, localId: i.id, version: 1, op: 'create' as const })),
    )
  })
  return ok(items)
}

export async function updateItem(
  db: FieldsyncDB,
  id: LocalId,
  patch: Partial<ItemInput>,
): Promise<Result<Item, DomainError>> {
  return db.transaction('rw', db.items, db.outbox, async (): Promise<Result<Item, DomainError>> => {
    const before = await db.items.get(id)
    if (!before || before.deletedAt) return err(notFound('item'))
    const r = validate(Item, { ...before, ...fieldsOf(before), ...patch })
    if (!r.ok) return r
    const next = bumped(db, before, r.value)
    if (!next) return ok(before)
    await db.items.put(next)
    await queue(db, 'item', next, 'update')
    return ok(next)
  })
}

export async function deleteItem(db: FieldsyncDB, id: LocalId): Promise<Result<Item, DomainError>> {
  return db.transaction('rw', db.items, db.outbox, async (): Promise<Result<Item, DomainError>> => {
    const before = await db.items.get(id)
    if (!before) return err(notFound('item'))
    if (before.deletedAt) return ok(before)
    const now = db.stamp()
    const next: Item = { ...before, active: false, deletedAt: now, version: before.version + 1, updatedAt: now }
    await db.items.put(next)
    await queue(db, 'item', next, 'delete')
    return ok(next)
  })
}

export async function getItem(db: FieldsyncDB, id: LocalId): Promise<Item | undefined> {
  const i = await db.items.get(id)
  return i && !i.deletedAt ? i : undefined
}

/** Items by name; inactive ones only when asked (the pricebook page shows them greyed). */
export function listItems(db: FieldsyncDB, q: { search?: string; includeInactive?: boolean } = {}): Promise<Item[]> {
  const needle = (q.search ?? '').trim().toLowerCase()
  return db.items
    .orderBy('name')
    .filter((i) => !i.deletedAt && (q.includeInactive || i.active))
    .filter((i) => !needle || i.name.toLowerCase().includes(needle) || (i.sku ?? '').toLowerCase().includes(needle))
    .toArray()
}
