import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createItem } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

describe('finding a lost create again', () => {
  it('finds names typed with typographic quotes, which QuickBooks refuses in any query, and creates nothing twice', async () => {
    // A tablet keyboard's smart punctuation: ’ and “ ”.
    const sean = unwrap(await createContact(w.db, { givenName: 'Sean', familyName: 'O’Brien' }))
    const item = unwrap(await createItem(w.db, { name: '“Quick” drain clean', unitPrice: 9_500 }))
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 3, kinds: ['dropAfterWrite'] })
    expect((await push(w.deps({ maxAttempts: 1, accounts: { income: '1' } }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    // QuickBooks has forgotten the requestids: a resend would be a second create, so only a lookup can tell.
    await w.admin('DELETE', `/companies/${w.realmId}/requestids`)
    w.clock.advance(48 * 3600_000)
    const second = await push(w.deps({ accounts: { income: '1' } }))
    expect(second.summary).toMatchObject({ failed: 0 })
    const customers = (await w.entities('Customer')).filter((c) => c['DisplayName'] === 'Sean O’Brien')
    const items = (await w.entities('Item')).filter((i) => i['Name'] === '“Quick” drain clean')
    expect(customers).toHaveLength(1)
    expect(items).toHaveLength(1)
    expect(await w.db.mappings.get(['contact', sean.id])).toMatchObject({ qboId: customers[0]!.Id })
    expect(await w.db.mappings.get(['item', item.id])).toMatchObject({ qboId: items[0]!.Id })
    expect(await w.db.outbox.count()).toBe(0)
  })

  it('says so, and keeps the create from going twice, when QuickBooks cannot be checked for it yet', async () => {
    const dee = unwrap(await createContact(w.db, { givenName: 'Dee', familyName: 'Unchecked' }))
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 3, kinds: ['dropAfterWrite'] })
    await push(w.deps({ maxAttempts: 1 }))
    await w.admin('DELETE', `/companies/${w.realmId}/requestids`)
    w.clock.advance(48 * 3600_000)
    // The lookup itself fails: not found must be an answer, never a guess.
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 3, kinds: ['http500'] })
    await push(w.deps({ maxAttempts: 1 }))
    const [row] = await w.db.outbox.toArray()
    expect(row).toMatchObject({
      localId: dee.id,
      requestId: expect.any(String),
      lastError: { code: 'lookup-inconclusive' },
    })
    expect(row!.lastError!.message).toMatch(/could not be checked/)
    expect(Date.parse(row!.nextAttemptAt ?? '')).toBeGreaterThan(w.clock.now())
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    w.clock.advance(3600_000)
    await push(w.deps())
    expect((await w.entities('Customer')).filter((c) => c['DisplayName'] === 'Dee Unchecked')).toHaveLength(1)
    expect(await w.db.outbox.count()).toBe(0)
  })
})
