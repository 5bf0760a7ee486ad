/**
 * The accounts are company settings (the owner's, kept on the edge for every device): the initial sync books to
 * QuickBooks' usual accounts without writing them into this device's settings, so it never overwrites the
 * company's choice on a joining device, nor makes one up on the owner's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createItem, updateSettings } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { engineOn } from './test-support/emulator-engine.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

describe('the initial sync and the company settings', () => {
  it('writes no account into the settings when none is chosen', async () => {
    const engine = engineOn(w, { name: 'Office PC', role: 'office', deviceCount: 2 })
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
    const engine = engineOn(w, { name: 'Office PC', role: 'office', deviceCount: 2 })
    unwrap(await updateSettings(w.db, { defaultIncomeAccountId: '79', defaultExpenseAccountId: '80' }))
    await engine.preview()
    await engine.runInitial([])
    const s = await new DexieStore(w.db).settings()
    expect(s).toMatchObject({ defaultIncomeAccountId: '79', defaultExpenseAccountId: '80' })
  })
})
