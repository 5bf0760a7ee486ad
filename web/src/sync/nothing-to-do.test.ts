// Outbox rows the plan finds nothing to send for ('up-to-date', 'never-synced') are deleted by the runner, so the
// pending badge comes down; an edit that lands on such a row mid-run is never deleted with it.
import { describe, expect, it } from 'vitest'
import { createContact, createJob, deleteContact, pendingCount, updateJob, updateSettings } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { push } from './push.ts'
import { storeWith, world } from './test-support/runner-world.ts'

/** A job synced as a sub-customer, then the setting turned off and on: every job is queued again as it is. */
async function requeuedJob(db: FieldsyncDB, run: () => Promise<unknown>) {
  unwrap(await updateSettings(db, { subCustomerJobs: true }))
  const c = unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee' }))
  const job = unwrap(await createJob(db, { contactId: c.id, name: 'Kitchen' }))
  await run()
  expect(await db.mappings.get(['job', job.id])).toMatchObject({ syncedVersion: job.version })
  unwrap(await updateSettings(db, { subCustomerJobs: false }))
  unwrap(await updateSettings(db, { subCustomerJobs: true }))
  expect(await db.outbox.toArray()).toMatchObject([{ kind: 'job', localId: job.id, version: job.version }])
  return job
}

describe('rows with nothing to send', () => {
  it('deletes the row of a record deleted before it ever reached QuickBooks, sending nothing', async () => {
    const { db, qbo, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Bo', familyName: 'Gone' }))
    unwrap(await deleteContact(db, c.id))
    await push(deps())
    expect(qbo.calls).toEqual([])
    expect(await db.outbox.count()).toBe(0)
    expect(await pendingCount(db)).toBe(0)
  })

  it('deletes a queued row whose version QuickBooks already holds', async () => {
    const { db, qbo, deps } = await world()
    await requeuedJob(db, () => push(deps()))
    const calls = qbo.calls.length
    await push(deps())
    expect(qbo.calls).toHaveLength(calls)
    expect(await pendingCount(db)).toBe(0)
  })

  it('keeps the row when an edit moves it on during the run, and sends that edit next', async () => {
    const { db, qbo, deps } = await world()
    const job = await requeuedJob(db, () => push(deps()))
    // The edit coalesces into the very row the plan judged up to date, after the snapshot and before the delete.
    const editing = storeWith(db, 'settle', async () => {
      unwrap(await updateJob(db, job.id, { name: 'Kitchen and bath' }))
    })
    await push(deps({ store: editing }))
    expect(await db.outbox.toArray()).toMatchObject([{ kind: 'job', localId: job.id, version: job.version + 1 }])
    await push(deps())
    expect(await db.outbox.count()).toBe(0)
    expect([...qbo.entities.Customer.values()].find((e) => e['Job'] === true)).toMatchObject({
      DisplayName: expect.stringContaining('Kitchen and bath'),
    })
  })

  it('keeps the row when the edit lands between the snapshot planned from and the one the run reads', async () => {
    const { db, deps } = await world()
    const job = await requeuedJob(db, () => push(deps()))
    const editing = storeWith(
      db,
      'snapshot',
      async () => {
        unwrap(await updateJob(db, job.id, { name: 'Kitchen and bath' }))
      },
      2,
    )
    await push(deps({ store: editing }))
    expect(await db.outbox.toArray()).toMatchObject([{ kind: 'job', localId: job.id, version: job.version + 1 }])
  })
})

describe('a record deleted while its create is unanswered', () => {
  it('resends the create, then makes the QuickBooks record inactive, and leaves nothing queued', async () => {
    const { db, qbo, deps, clock } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Cy', familyName: 'Gone' }))
    // QuickBooks applies the create, the answer is lost, and the contractor deletes the contact meanwhile.
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    expect([...qbo.entities.Customer.values()].filter((e) => e['DisplayName'] === 'Cy Gone')).toHaveLength(1)
    unwrap(await deleteContact(db, c.id))
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) {
      clock.advance(60_000)
      await push(deps())
    }
    const customers = [...qbo.entities.Customer.values()].filter((e) => e['DisplayName'] === 'Cy Gone')
    expect(customers).toHaveLength(1)
    expect(customers[0]).toMatchObject({ Active: false })
    expect(await db.outbox.count()).toBe(0)
    expect(await pendingCount(db)).toBe(0)
  })
})
