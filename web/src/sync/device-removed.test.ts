import { describe, expect, it } from 'vitest'
import type { ApiError } from '#shared/api/index.ts'
import { LocalId } from '#shared/ids.ts'
import { err } from '#shared/result.ts'
import { createContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { edgeFault } from './adapters/edge-gateway.ts'
import { MemoryStore } from './adapters/memory-store.ts'
import { SyncEngine } from './engine.ts'
import { push } from './push.ts'
import type { QboGateway } from './ports.ts'
import { fakeClock } from './test-support/fake-clock.ts'
import { FakeQbo } from './test-support/fake-qbo.ts'
import { world } from './test-support/runner-world.ts'

const removed: ApiError = {
  code: 'device_removed',
  message: 'This device was removed from Rivera Plumbing by its owner.',
}
const crewMayNot: ApiError = {
  code: 'forbidden_role',
  message: 'Only the owner or the office can delete or void in QuickBooks.',
}

/** The fake QuickBooks behind an edge that refuses every write with `refusal`. */
function refusing(qbo: FakeQbo, refusal: ApiError, status: number): QboGateway {
  return {
    query: (s) => qbo.query(s),
    read: (e, id) => qbo.read(e, id),
    cdc: () => qbo.cdc(),
    write: () => Promise.resolve(err(edgeFault(refusal, status))),
    batch: () => Promise.resolve(err(edgeFault(refusal, status))),
  }
}

describe('the edge refusing a removed device or a role', () => {
  it('stops the run on device_removed and leaves the rows unsent, not failed', async () => {
    const { db, qbo, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee' }))
    const { summary } = await push(deps({ gateway: refusing(qbo, removed, 401), concurrency: 1 }))
    expect(summary.stoppedBy).toMatchObject({ code: 'device_removed', userMessage: removed.message })
    expect(summary.failed).toBe(0)
    const [row] = await db.outbox.toArray()
    expect(row?.lastError).toBeUndefined()
    expect(await db.syncLog.where('status').equals('error').count()).toBe(0)
  })

  it("marks the record with the edge's own words on forbidden_role, and does not retry it", async () => {
    const { db, qbo, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee' }))
    const { summary } = await push(deps({ gateway: refusing(qbo, crewMayNot, 403), concurrency: 1 }))
    expect(summary.stoppedBy).toBeUndefined()
    expect(summary.failed).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row?.lastError).toMatchObject({ code: 'forbidden_role', message: crewMayNot.message })
    expect(row?.nextAttemptAt).toBeUndefined()
  })

  it('answers device_removed, not an unreachable server, when the session read says so', async () => {
    const store = new MemoryStore({ settings: { cdcCheckpoint: '2026-03-01T08:00:00.000Z', syncedRealmId: '9130' } })
    store.enqueue({
      kind: 'contact',
      localId: LocalId.parse('00000000-0000-4000-8000-0000000000c1'),
      version: 1,
      op: 'create',
      createdAt: '2026-03-01T09:00:00.000Z',
      attempts: 0,
    })
    const engine = new SyncEngine({
      store,
      gatewayFor: () => new FakeQbo(),
      session: () => Promise.resolve({ connected: false, needsReconnect: false, refused: removed }),
      timers: { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} },
      clock: fakeClock('2026-03-01T09:00:00Z'),
      random: { next: () => 0.5, uuid: () => crypto.randomUUID() },
    })
    const r = await engine.syncNow()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toEqual({ kind: 'device_removed', message: removed.message })
  })
})
