/** Properties, quotes and jobs: versioned like everything else, but queued only when they sync. */
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createContact } from './contacts.ts'
import { createItem } from './items.ts'
import { createJob, deleteJob, listJobsForContact, updateJob } from './jobs.ts'
import { listOutbox } from './outbox.ts'
import { createProperty, deleteProperty, listPropertiesForContact, updateProperty } from './properties.ts'
import { addQuoteLine, addQuoteLineFromItem, createQuote, removeQuoteLine } from './quotes.ts'
import type { FieldsyncDB } from './schema.ts'
import { getSettings, updateSettings } from './settings.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

async function withContact() {
  db = testDb()
  const c = unwrap(await createContact(db, { givenName: 'Ann' }))
  await db.outbox.clear()
  return c
}

describe('local-only records and settings', () => {
  it('properties version without queueing, and delete softly', async () => {
    const c = await withContact()
    const p = unwrap(
      await createProperty(db, { contactId: c.id, label: 'Home', address: { line1: '1 Elm St', city: 'Davis' } }),
    )
    const p2 = unwrap(await updateProperty(db, p.id, { label: 'Rental' }))
    expect(p2.version).toBe(2)
    unwrap(await deleteProperty(db, p.id))
    expect(await listPropertiesForContact(db, c.id)).toEqual([])
    expect(await listOutbox(db)).toEqual([])
  })

  it('quotes price lines in cents and never queue', async () => {
    const c = await withContact()
    const item = unwrap(await createItem(db, { name: 'Faucet', unitPrice: 18500, taxable: true }))
    await db.outbox.clear()
    const q = unwrap(await createQuote(db, { contactId: c.id, taxRateBps: 1000 }))
    unwrap(await addQuoteLineFromItem(db, q.id, item.id, 2000))
    const q3 = unwrap(await addQuoteLine(db, q.id, { name: 'Haul-away', qty: 1000, unitPrice: 4000 }))
    expect(q3).toMatchObject({ subtotal: 41000, tax: 3700, total: 44700, version: 3 })
    const q4 = unwrap(await removeQuoteLine(db, q.id, q3.lines[1]!.id))
    expect(q4.total).toBe(40700)
    expect(await listOutbox(db)).toEqual([])
  })

  it('jobs queue only while sub-customer jobs are on; turning it on queues the existing ones', async () => {
    const c = await withContact()
    const j = unwrap(await createJob(db, { contactId: c.id, name: 'Kitchen rough-in' }))
    expect(await listOutbox(db)).toEqual([])
    unwrap(await updateSettings(db, { subCustomerJobs: true }))
    expect(await listOutbox(db)).toMatchObject([{ kind: 'job', localId: j.id, version: 1, op: 'create' }])
    unwrap(await updateJob(db, j.id, { status: 'done' }))
    unwrap(await deleteJob(db, j.id))
    expect(await listOutbox(db)).toMatchObject([{ version: 3, op: 'delete' }])
    expect(await listJobsForContact(db, c.id)).toEqual([])
    const bad = await createJob(db, { contactId: c.id, name: '' })
    expect(bad.ok ? null : bad.error).toMatchObject({ fields: { name: 'Enter a job name' } })
  })

  it('settings default sensibly and reject nonsense with a reason', async () => {
    db = testDb()
    expect(await getSettings(db)).toMatchObject({
      schedule: { mode: 'automatic' },
      exportMode: 'automatic',
      pullIntervalMinutes: 15,
      subCustomerJobs: false,
      currency: 'USD',
      nextInvoiceNumber: 1001,
    })
    const bad = await updateSettings(db, { pullIntervalMinutes: 5000 })
    expect(bad.ok ? null : bad.error).toMatchObject({
      kind: 'validation',
      fields: { pullIntervalMinutes: 'Pull at least once a day' },
    })
    unwrap(await updateSettings(db, { exportMode: 'manual', depositAccountId: '35' }))
    expect(await getSettings(db)).toMatchObject({
      exportMode: 'manual',
      depositAccountId: '35',
      pullIntervalMinutes: 15,
    })
  })
})
