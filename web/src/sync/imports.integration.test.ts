/** "Import customers" and "Import items" against the emulator: QuickBooks' active ones come down once, never twice. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionResponse } from '#shared/api/index.ts'
import { createContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { SyncEngine } from './engine.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

function engineOn(world: EmulatorWorld): SyncEngine {
  const session: SessionResponse = {
    connected: true,
    realmId: world.realmId,
    companyName: 'Rivera Plumbing',
    refreshTokenExpiresAt: '2027-01-01T00:00:00Z',
    needsReconnect: false,
    device: {
      id: 'device-accounts-000' as never,
      name: 'Tablet',
      role: 'owner',
      lastSeenAt: '2026-03-01T00:00:00Z',
      addedAt: '2026-03-01T00:00:00Z',
    },
    deviceCount: 1,
    changes: { seq: 0, changed: false, entities: [] },
  }
  const noTimers = { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} }
  return new SyncEngine({
    store: new DexieStore(world.db),
    gatewayFor: () => world.gateway,
    session: async () => session,
    clock: world.clock,
    random: { next: () => 0.5, uuid: () => crypto.randomUUID() },
    timers: noTimers,
  })
}

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
