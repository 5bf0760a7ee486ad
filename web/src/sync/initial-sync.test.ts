import { fakeClock } from './test-support/fake-clock.ts'
import { describe, expect, it } from 'vitest'
import { createContact, createItem } from '../db/index.ts'
import { testClock, testDb, unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import type { RunnerDeps } from './runner/index.ts'
import { FakeQbo } from './test-support/fake-qbo.ts'

async function world() {
  const db = testDb(testClock())
  const qbo = new FakeQbo()
  const clock = fakeClock()
  let n = 0
  const deps = (): RunnerDeps => ({
    store: new DexieStore(db),
    gateway: qbo,
    realmId: '9130',
    accounts: { income: '1' },
    clock,
    random: { next: () => 0.5, uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` },
  })
  return { db, qbo, deps }
}

describe('initial sync against a company in memory', () => {
  it('labels "create here" rows by kind: Customer 100 and Item 100 keep their own names', async () => {
    const { qbo, deps } = await world()
    const ann = qbo.add('Customer', { DisplayName: 'Ann Lee', Active: true })
    qbo.entities.Item.set(ann.Id!, { Id: ann.Id, Name: 'Drain Snake', Type: 'Service', Active: true, SyncToken: '0' })
    const s = await previewInitialSync(deps())
    if (!s.ok) throw new Error(s.error.userMessage)
    expect(
      s.value.preview.plan.ops
        .filter((o) => o.action === 'pull')
        .map((o) => [o.kind, o.qboId, o.label])
        .sort(),
    ).toEqual([
      ['contact', ann.Id, 'Ann Lee'],
      ['item', ann.Id, 'Drain Snake'],
    ])
  })

  it('a linked record sends only the fields where it differs from QuickBooks, and clears none there', async () => {
    const { db, qbo, deps } = await world()
    const remote = qbo.add('Customer', {
      DisplayName: 'Ann Lee',
      PrimaryEmailAddr: { Address: 'ann@example.com' },
      PrimaryPhone: { FreeFormNumber: '(916) 555-0100' },
      Active: true,
    })
    unwrap(
      await createContact(db, {
        givenName: 'Ann',
        familyName: 'Lee',
        email: 'ann@example.com',
        notes: 'Gate code 4411',
      }),
    )
    unwrap(await createItem(db, { name: 'Service Call', unitPrice: 8_900 }))
    const s = await previewInitialSync(deps())
    if (!s.ok) throw new Error(s.error.userMessage)
    expect(s.value.preview.counts).toMatchObject({ link: 1, createInQuickBooks: 1 })
    const summary = await runInitialSync(s.value, [], deps())
    expect(summary).toMatchObject({ linked: 1, failed: 0 })
    // The phone only QuickBooks has stays; the notes only this device has go; the same email is not resent.
    expect(qbo.entities.Customer.get(remote.Id!)).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '(916) 555-0100' },
      Notes: 'Gate code 4411',
      GivenName: 'Ann',
      SyncToken: '1',
    })
    expect(qbo.entities.Customer.size).toBe(1)
    expect(await db.outbox.count()).toBe(0)
  })
})
