/** "Import customers" and "Import items" against the emulator: QuickBooks' active ones come down once, never twice. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { engineOn } from './test-support/emulator-engine.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

describe('imports', () => {
  it('brings active customers and items down, leaves out a name a record here has, and creates nothing twice', async () => {
    const engine = engineOn(w)
    unwrap(await createContact(w.db, { givenName: 'Amy', familyName: 'Chen' }))
    const customers = (await w.entities('Customer')).filter((c) => c['Active'] !== false && c['Job'] !== true)
    const first = await engine.importRecords('contact')
    // Sub-customers come as jobs of their contacts: more are created than there are customers.
    expect(first.ok && first.value.sameName).toBe(1)
    expect(first.ok && first.value.created).toBeGreaterThanOrEqual(customers.length - 1)
    const names = (await w.db.contacts.toArray()).map((c) => c.displayName)
    expect(names.filter((n) => n === 'Amy Chen')).toHaveLength(1)
    expect(names).toHaveLength(customers.length)

    const items = (await w.entities('Item')).filter((i) => i['Active'] !== false && i['Type'] !== 'Category')
    const got = await engine.importRecords('item')
    expect(got.ok && got.value.created).toBe(items.length)
    expect(await w.db.items.count()).toBe(items.length)

    const again = await engine.importRecords('contact')
    expect(again).toMatchObject({ ok: true, value: { created: 0, sameName: 1 } })
    expect(await w.db.contacts.count()).toBe(customers.length)
    expect((await w.db.syncLog.toArray()).filter((r) => r.label === 'Import customers')).toHaveLength(2)
  })
})
