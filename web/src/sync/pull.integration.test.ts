import { fakeClock } from './test-support/fake-clock.ts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listContacts } from '../db/index.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import { pullChanges } from './pull.ts'
import type { QboEntity } from './ports.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

/** Objects in one CDC answer, as Intuit caps it and the emulator enforces (a fact this test states for itself). */
const CDC_CAP = 1000

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

type Snapshot = { entities: Record<string, QboEntity[]> } & Record<string, unknown>

/** Customers added in QuickBooks at `at` (the emulator's time), as a bookkeeper or an import would. */
async function addCustomers(n: number, at: string): Promise<string[]> {
  const snap = await w.admin<Snapshot>('GET', `/companies/${w.realmId}`)
  const customers = snap.entities['Customer'] ?? []
  const first = Math.max(...customers.map((c) => Number(c.Id))) + 1
  const added = Array.from({ length: n }, (_, i) => ({
    Id: String(first + i),
    SyncToken: '0',
    DisplayName: `Imported Customer ${i}`,
    GivenName: 'Imported',
    FamilyName: `Customer ${i}`,
    Active: true,
    Job: false,
    BillWithParent: false,
    Balance: 0,
    BalanceWithJobs: 0,
    Taxable: false,
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: at, LastUpdatedTime: at },
  }))
  await w.admin('POST', `/companies/${w.realmId}/seed`, {
    ...snap,
    entities: { ...snap.entities, Customer: [...customers, ...added] },
  })
  return added.map((c) => c.DisplayName)
}

const emulatorNow = async () => (await w.admin<{ now: number }>('GET', '/clock')).now

async function initialSync() {
  const session = await previewInitialSync(w.deps())
  if (!session.ok) throw new Error(session.error.userMessage)
  await runInitialSync(session.value, [], w.deps())
}

describe('pull', () => {
  it('brings every change when more changed than one CDC answer holds', async () => {
    await initialSync()
    const now = await emulatorNow()
    await w.deps().store.setCheckpoint(new Date(now - 60_000).toISOString(), w.realmId)
    const names = await addCustomers(CDC_CAP + 150, new Date(now).toISOString())
    // The emulator cuts the CDC answer at the cap, as Intuit documents: without a fallback, 150 would never arrive.
    const cdc = await w.gateway.cdc(['Customer', 'Item', 'Invoice', 'Payment'], new Date(now - 60_000).toISOString())
    expect(cdc.ok && cdc.value.changes.flatMap((p) => p.Customer ?? []).length).toBe(CDC_CAP)

    const pulled = await pullChanges(w.deps())
    expect(pulled.ok ? pulled.value.created : pulled.error.userMessage).toBe(CDC_CAP + 150)
    const here = new Set((await listContacts(w.db)).map((c) => c.displayName))
    expect(names.filter((n) => !here.has(n))).toEqual([])
  }, 20_000) // It adds and pages through 1,150 customers: seconds of real work, not a wait.

  it('brings changes older than CDC reaches when the tablet was away for six weeks', async () => {
    await initialSync()
    const now = await emulatorNow()
    // Synced six weeks ago; a customer was added in QuickBooks five weeks ago, beyond CDC's 30 days.
    await w.deps().store.setCheckpoint(new Date(now - 42 * 86_400_000).toISOString(), w.realmId)
    const [name] = await addCustomers(1, new Date(now - 35 * 86_400_000).toISOString())
    // The tablet's clock agrees with QuickBooks' here, as a real one does to within seconds.
    const pulled = await pullChanges(w.deps({ clock: fakeClock(now) }))
    expect(pulled.ok && pulled.value.created).toBe(1)
    expect((await listContacts(w.db)).map((c) => c.displayName)).toContain(name)
    // The next pull starts from the server's time again: CDC is enough from then on.
    expect(pulled.ok && Date.parse(pulled.value.checkpoint)).toBeGreaterThan(now - 5 * 60_000)
  })
})
