import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createItem, deleteItem, getItem, listItems, updateItem } from './items.ts'
import { listOutbox } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

describe('pricebook items', () => {
  it('creates with defaults, explains bad input, and queues create → update → delete in one row until claimed', async () => {
    db = testDb()
    const bad = await createItem(db, { name: ' ', unitPrice: -1 })
    expect(bad.ok ? null : bad.error).toMatchObject({
      kind: 'validation',
      fields: { name: 'Enter an item name', unitPrice: 'Enter an amount of zero or more' },
    })
    const floaty = await createItem(db, { name: 'Valve', unitPrice: 12.5 })
    expect(floaty.ok ? null : floaty.error).toMatchObject({ fields: { unitPrice: 'Enter an amount in cents' } })

    const i = unwrap(await createItem(db, { name: 'Service Call', unitPrice: 8900 }))
    expect(i).toMatchObject({ type: 'service', taxable: false, active: true, version: 1 })
    unwrap(await updateItem(db, i.id, { unitPrice: 9500, sku: 'SC-1' }))
    const d = unwrap(await deleteItem(db, i.id))
    expect(d).toMatchObject({ active: false, version: 3 })
    expect(await getItem(db, i.id)).toBeUndefined()
    expect(await listOutbox(db)).toMatchObject([{ localId: i.id, version: 3, op: 'delete' }])
  })

  it('lists active items by name and searches name and SKU', async () => {
    db = testDb()
    unwrap(await createItem(db, { name: 'Wax Ring', unitPrice: 625, type: 'product', sku: 'WR-1' }))
    unwrap(await createItem(db, { name: 'Drain Cleaning', unitPrice: 24500 }))
    unwrap(await createItem(db, { name: 'Old Snake Rental', unitPrice: 4500, active: false }))
    expect((await listItems(db)).map((i) => i.name)).toEqual(['Drain Cleaning', 'Wax Ring'])
    expect((await listItems(db, { search: 'wr-' })).map((i) => i.name)).toEqual(['Wax Ring'])
    expect((await listItems(db, { includeInactive: true })).length).toBe(3)
  })
})
