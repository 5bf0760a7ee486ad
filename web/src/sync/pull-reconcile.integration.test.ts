/** A device whose checkpoint is older than CDC reaches still learns what QuickBooks deleted meanwhile. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { directGateway } from './adapters/edge-gateway.ts'
import { pullChanges } from './pull.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const DAY = 86_400_000

describe('a pull after more than CDC’s 30 days', () => {
  it('reads back what this device keeps and deletes here what QuickBooks deleted, leaving the rest', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Vera', familyName: 'Away' }))
    const item = unwrap(await createItem(w.db, { name: 'Away service call', unitPrice: 9_500 }))
    const [kept, gone] = unwrap(
      await createInvoices(
        w.db,
        [1, 2].map(() => ({
          contactId: c.id,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 9_500 }],
          finalize: true,
        })),
      ),
    )
    const pushed = await push(w.deps({ accounts: { income: '1' } }))
    expect(pushed.summary).toMatchObject({ failed: 0 })
    const emulatorNow = async () => (await w.admin<{ now: number }>('GET', '/clock')).now
    await w.deps().store.setCheckpoint(new Date((await emulatorNow()) - 1000).toISOString(), w.realmId)
    const goneId = (await w.db.mappings.get(['invoice', gone!.id]))!.qboId
    // The bookkeeper deletes one an hour later; the device then stays away 40 days.
    await w.admin('POST', '/clock/advance', { ms: 3600_000 })
    await w.admin('DELETE', `/companies/${w.realmId}/invoice/${goneId}`)
    await w.admin('POST', '/clock/advance', { ms: 40 * DAY })
    // The device's clock where QuickBooks' is (the emulator's runs faster than the test's).
    w.clock.advance(Math.max(0, (await emulatorNow()) - w.clock.now()))
    // The old access token expired meanwhile.
    const token = await w.admin<{ access_token: string }>('POST', '/tokens/connect', { realmId: w.realmId })
    const gateway = directGateway(w.emu.url, w.realmId, () => token.access_token)

    const before = await emulatorNow()
    const pulled = await pullChanges(w.deps({ gateway }))

    expect(pulled.ok ? 'ok' : JSON.stringify(pulled.error)).toBe('ok')
    expect((await w.db.invoices.get(gone!.id))?.deletedAt).toBeDefined()
    expect((await w.db.mappings.get(['invoice', gone!.id]))?.status).toBe('unlinked')
    expect((await w.db.invoices.get(kept!.id))?.deletedAt).toBeUndefined()
    expect((await w.db.mappings.get(['invoice', kept!.id]))?.status).toBe('synced')
    expect((await w.db.mappings.get(['contact', c.id]))?.status).toBe('synced')
    const log = (await w.db.syncLog.toArray()).filter((l) => l.localId === gone!.id).map((l) => l.details)
    expect(log).toContain('Deleted in QuickBooks; deleted here too')
    // The checkpoint is QuickBooks' time again: the next pull is CDC's.
    expect(pulled.ok && Date.parse(pulled.value.checkpoint)).toBeGreaterThan(before - 2 * 60_000)
  })
})
