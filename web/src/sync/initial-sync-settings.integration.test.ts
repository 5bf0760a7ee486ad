/**
 * The accounts are company settings (the owner's, kept on the edge for every device): the initial sync books to
 * QuickBooks' usual accounts without writing them into this device's settings, so it never overwrites the
 * company's choice on a joining device, nor makes one up on the owner's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionResponse } from '#shared/api/index.ts'
import { createItem, updateSettings } from '../db/index.ts'
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
      id: 'device-settings-000' as never,
      name: 'Office PC',
      role: 'office',
      lastSeenAt: '2026-03-01T00:00:00Z',
      addedAt: '2026-03-01T00:00:00Z',
    },
    deviceCount: 2,
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

describe('the initial sync and the company settings', () => {
  it('writes no account into the settings when none is chosen', async () => {
    const engine = engineOn(w)
    unwrap(await createItem(w.db, { name: 'Drain Camera Inspection', unitPrice: 18_500 }))
    await engine.preview()
    expect(await engine.runInitial([])).toMatchObject({ ok: true, value: { failed: 0 } })
    const s = await new DexieStore(w.db).settings()
    expect([s.defaultIncomeAccountId, s.defaultExpenseAccountId, s.depositAccountId]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })

  it("keeps the company's chosen accounts as they were", async () => {
    const engine = engineOn(w)
    unwrap(await updateSettings(w.db, { defaultIncomeAccountId: '79', defaultExpenseAccountId: '80' }))
    await engine.preview()
    await engine.runInitial([])
    const s = await new DexieStore(w.db).settings()
    expect(s).toMatchObject({ defaultIncomeAccountId: '79', defaultExpenseAccountId: '80' })
  })
})
