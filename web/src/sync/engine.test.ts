import { fakeClock } from './test-support/fake-clock.ts'
import { describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import type { DeviceId, SessionResponse } from '#shared/api/index.ts'
import { SyncEngine, type Timers } from './engine.ts'
import { MemoryStore } from './adapters/memory-store.ts'
import { FakeQbo } from './test-support/fake-qbo.ts'
import { LocalId, QboId, SyncToken } from '#shared/ids.ts'

const contactId = LocalId.parse('00000000-0000-4000-8000-0000000000c1')

function manualTimers(): Timers & { fire(): void; pending(): number } {
  const tasks = new Map<number, () => void>()
  let n = 0
  return {
    setTimeout: (fn) => {
      tasks.set(++n, fn)
      return n
    },
    clearTimeout: (h) => {
      tasks.delete(h as number)
    },
    setInterval: (fn) => {
      tasks.set(++n, fn)
      return n
    },
    clearInterval: (h) => {
      tasks.delete(h as number)
    },
    fire: () => {
      const fns = [...tasks.values()]
      tasks.clear()
      fns.forEach((f) => f())
    },
    pending: () => tasks.size,
  }
}

/** A device whose initial sync with company 9130 is done (unless `seed` says otherwise), with Ann Lee queued. */
function setup(
  session: () => SessionResponse | undefined,
  seed: Partial<ConstructorParameters<typeof MemoryStore>[0]> = {},
) {
  const store = new MemoryStore({
    records: {
      contacts: [
        {
          id: contactId,
          version: 1,
          updatedAt: '2026-03-01T09:00:00.000Z',
          displayName: 'Ann Lee',
          active: true,
        },
      ],
    },
    settings: { cdcCheckpoint: '2026-03-01T08:00:00.000Z', syncedRealmId: '9130' },
    ...seed,
  })
  store.enqueue({
    kind: 'contact',
    localId: contactId,
    version: 1,
    op: 'create',
    createdAt: '2026-03-01T09:00:00.000Z',
    attempts: 0,
  })
  const qbo = new FakeQbo()
  const timers = manualTimers()
  const engine = new SyncEngine({
    store,
    gatewayFor: () => qbo,
    session: async () => session(),
    timers,
    clock: fakeClock('2026-03-01T09:00:00Z'),
    random: { next: () => 0.5, uuid: () => crypto.randomUUID() },
  })
  return { store, qbo, timers, engine }
}

const connected = (over: Partial<Extract<SessionResponse, { connected: true }>> = {}): SessionResponse => ({
  connected: true,
  realmId: '9130',
  companyName: 'Rivera Plumbing',
  refreshTokenExpiresAt: '2026-06-01T00:00:00Z',
  needsReconnect: false,
  device: {
    id: 'device-one-0000000' as DeviceId,
    name: 'Tablet',
    role: 'owner',
    lastSeenAt: '2026-03-01T00:00:00Z',
    addedAt: '2026-03-01T00:00:00Z',
  },
  deviceCount: 1,
  changes: { seq: 0, changed: false, entities: [] },
  ...over,
})

describe('SyncEngine', () => {
  it('answers not_connected as a value, and pushes nothing, when QuickBooks is not connected', async () => {
    const { engine, qbo } = setup(() => ({ connected: false, needsReconnect: false }))
    const r = await engine.syncNow()
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_connected' } })
    expect(qbo.calls).toEqual([])
  })

  it('runs overlapping Sync Now presses one after the other, so a record is sent once', async () => {
    const { engine, qbo } = setup(() => connected())
    const [a, b] = await Promise.all([engine.syncNow(), engine.syncNow()])
    expect(a.ok && a.value.push.synced).toBe(1)
    expect(b.ok && b.value.push.synced).toBe(0)
    expect(qbo.entities.Customer.size).toBe(1)
  })

  it('debounces edits into one push, and only with the automatic schedule and online', async () => {
    const manual = setup(() => connected(), {
      settings: { cdcCheckpoint: '2026-03-01T08:00:00.000Z', syncedRealmId: '9130', schedule: { mode: 'manual' } },
    })
    await manual.engine.edited()
    expect(manual.timers.pending()).toBe(0)
    const { engine, timers, qbo } = setup(() => connected())
    engine.setOnline(false)
    await engine.edited()
    expect(timers.pending()).toBe(0)
    engine.setOnline(true)
    await new Promise((r) => setTimeout(r, 0))
    await engine.edited()
    await engine.edited()
    expect(timers.pending()).toBe(1)
    timers.fire()
    await engine.syncNow()
    expect(qbo.entities.Customer.size).toBe(1)
  })

  it('pulls just what a change-feed notice names, and nothing for kinds the app does not keep', async () => {
    const { engine, qbo } = setup(() => connected())
    await engine.pullNotice([{ entity: 'Vendor', id: '4', operation: 'Update' }])
    expect(qbo.calls).toEqual([])
    await engine.pullNotice([{ entity: 'Customer', id: '7', operation: 'Create' }])
    const reads = qbo.calls.flatMap((c) => (c.kind === 'query' && c.statement !== undefined ? [c.statement] : []))
    expect(reads.some((q) => /FROM Customer WHERE Id IN \('7'\)/.test(q))).toBe(true)
    expect(reads.filter((q) => /FROM (Invoice|Item|Payment)/.test(q))).toEqual([])
  })

  it('sends nothing before the initial sync, and says so, so a contact QuickBooks already has is matched, not created twice', async () => {
    const { engine, qbo } = setup(() => connected(), { settings: {} })
    const r = await engine.syncNow()
    expect(r).toMatchObject({ ok: false, error: { kind: 'needs_initial_sync' } })
    expect(!r.ok && r.error.message).toMatch(/first sync/)
    expect(qbo.calls).toEqual([])
  })

  it('sends nothing to a company other than the one of the initial sync', async () => {
    const { engine, qbo } = setup(() => connected({ realmId: '4620' }))
    const r = await engine.syncNow()
    expect(r).toMatchObject({ ok: false, error: { kind: 'needs_initial_sync' } })
    expect(!r.ok && r.error.message).toMatch(/another QuickBooks company/)
    expect(qbo.calls).toEqual([])
  })

  it('never sends an update to an Id that a mapping made with another company holds', async () => {
    // Linked to customer 1 of company 4620, then reconnected to 9130 (links kept) and initial-synced there.
    const other: Mapping = {
      kind: 'contact',
      localId: contactId,
      qboId: QboId.parse('1'),
      realmId: '4620',
      syncToken: SyncToken.parse('0'),
      snapshot: { displayName: 'Ann Lee' },
      syncedVersion: 1,
      status: 'synced',
      updatedAt: '2026-02-01T00:00:00.000Z',
    }
    const { engine, qbo, store } = setup(() => connected(), { mappings: [other] })
    qbo.entities.Customer.set('1', { Id: '1', SyncToken: '0', DisplayName: 'Somebody Else' })
    const r = await engine.syncNow()
    expect(r.ok).toBe(true)
    expect(qbo.entities.Customer.get('1')).toMatchObject({ DisplayName: 'Somebody Else' })
    const ours = [...qbo.entities.Customer.values()].filter((c) => c['DisplayName'] === 'Ann Lee')
    expect(ours).toHaveLength(1)
    expect((await store.snapshot()).mappings).toEqual([
      expect.objectContaining({ realmId: '9130', qboId: ours[0]!.Id }),
    ])
  })

  it('syncs at once on start, so a push a reload cut short resumes without waiting for an edit or the pull interval', async () => {
    const { engine, qbo, timers } = setup(() => connected())
    const r = await engine.start(15)
    expect(r.ok && r.value.push.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(1)
    expect(timers.pending()).toBe(2) // the pull interval and the schedule's check: the change feed brings notices
  })

  it('answers a Result when a job throws, and the next job still runs', async () => {
    const { engine, store, qbo } = setup(() => connected())
    const snapshot = store.snapshot.bind(store)
    store.snapshot = async () => {
      throw new Error('QuotaExceededError')
    }
    const r = await engine.syncNow()
    expect(r).toMatchObject({ ok: false, error: { kind: 'fault' } })
    expect(!r.ok && r.error.message).toMatch(/QuotaExceededError.*Nothing is lost/)
    store.snapshot = snapshot
    expect((await engine.syncNow()).ok).toBe(true)
    expect(qbo.entities.Customer.size).toBe(1)
  })

  it("answers a held payment's questions as values: not connected, or the payment is not held", async () => {
    const off = setup(() => ({ connected: false, needsReconnect: false }))
    expect(await off.engine.linkHeldPayment({ localId: contactId, qboId: '1' })).toMatchObject({
      ok: false,
      error: { kind: 'not_connected' },
    })
    const { engine, qbo } = setup(() => connected())
    expect(await engine.heldPaymentChoices(contactId)).toMatchObject({
      ok: false,
      error: { kind: 'fault', message: 'This payment is no longer on this device.', fault: { code: 'missing-record' } },
    })
    expect(await engine.linkHeldPayment({ localId: contactId, qboId: '1' })).toMatchObject({
      ok: false,
      error: { kind: 'fault', fault: { code: 'missing-record' } },
    })
    expect(qbo.calls).toEqual([])
  })
})
