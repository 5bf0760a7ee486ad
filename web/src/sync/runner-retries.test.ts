import { describe, expect, it } from 'vitest'
import { createContact, updateContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { push } from './push.ts'
import { invoiceFor, world } from './test-support/runner-world.ts'

describe('runner retries', () => {
  it('backs off with jitter on transient faults, never shorter than the throttle asks', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Di', familyName: 'Ray' }))
    qbo.script = ['500', '429', 'network']
    const { summary } = await push(deps())
    expect(summary.synced).toBe(1)
    expect(clock.waits).toHaveLength(3)
    expect(clock.waits[1]).toBeGreaterThanOrEqual(2000)
    expect(qbo.entities.Customer.size).toBe(1)
  })

  it('waits out throttling without spending its attempts: a busy company delays the push, and a run still ends', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Tia', familyName: 'Ray' }))
    qbo.script = Array(6).fill('429')
    expect((await push(deps())).summary).toMatchObject({ synced: 1, failed: 0 })
    expect(clock.waits.filter((ms) => ms >= 2000)).toHaveLength(6)
    expect(qbo.entities.Customer.size).toBe(1)

    unwrap(await createContact(db, { givenName: 'Uma', familyName: 'Ray' }))
    qbo.script = Array(40).fill('429')
    expect((await push(deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    expect(qbo.script.length).toBeGreaterThan(0)
    expect((await db.syncLog.toArray()).filter((l) => l.status !== 'synced')).toEqual([])
  })

  it('leaves a row queued with its requestid after the tries run out, and the next run replays it', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Ed', familyName: 'Fox' }))
    qbo.script = ['drop', 'network']
    const first = await push(deps({ maxAttempts: 2 }))
    expect(first.summary.failed).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ attempts: 1, lastError: { code: 'network' } })
    expect(row!.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    clock.advance(3600_000)
    const second = await push(deps())
    expect(second.summary.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(1)
    expect(await db.outbox.count()).toBe(0)
  })

  it('releases the requestid of a request that surely failed, so the retry is a new request', async () => {
    const { db, qbo, deps } = await world()
    qbo.add('Customer', { DisplayName: 'Fay Gold' })
    const c = unwrap(await createContact(db, { givenName: 'Fay', familyName: 'Gold' }))
    const { summary } = await push(deps())
    expect(summary.failed).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row!.requestId).toBeUndefined()
    expect(row!.lastError?.code).toBe('6240')
    const log = (await db.syncLog.toArray()).find((l) => l.status === 'error')!
    expect(log.details).toMatch(/Id 100/)
    unwrap(await updateContact(db, c.id, { displayName: 'Fay Gold (C)' }))
    expect((await push(deps())).summary.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(2)
  })

  it('stops the run and keeps everything queued when QuickBooks refuses the connection', async () => {
    const { db, qbo, deps } = await world()
    await invoiceFor(db, 'Ivy')
    qbo.script = ['401']
    const { summary } = await push(deps({ concurrency: 1 }))
    expect(summary.stoppedBy?.kind).toBe('auth')
    expect(qbo.entities.Customer.size + qbo.entities.Item.size + qbo.entities.Invoice.size).toBe(0)
    expect(await db.outbox.count()).toBe(3)
  })
})
