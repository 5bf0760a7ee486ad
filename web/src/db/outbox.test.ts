import { afterEach, describe, expect, it } from 'vitest'
import { createContact, createContacts, updateContact } from './contacts.ts'
import { createInvoice } from './invoices.ts'
import { listOutbox, onLocalEdit, pendingCount } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
let stop: (() => void) | undefined
afterEach(async () => {
  stop?.()
  await db?.delete()
})

/** Counts notices. A notice fires on commit, before the repository call resolves, so counts are exact after each await. */
function listen() {
  let n = 0
  stop = onLocalEdit(() => {
    n++
  })
  return { count: () => n }
}

describe('local edit notices', () => {
  it('fire once per committed transaction that queued a change, coalesced edits included', async () => {
    db = testDb()
    const heard = listen()
    const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
    expect(heard.count()).toBe(1)
    // Same record, still unsent: the outbox row is moved, not added, so the pending count stays at 1.
    unwrap(await updateContact(db, ann.id, { phone: '555-0101' }))
    unwrap(await updateContact(db, ann.id, { phone: '555-0102' }))
    expect(await db.outbox.count()).toBe(1)
    expect(heard.count()).toBe(3)
    // Many records in one transaction: one notice.
    unwrap(await createContacts(db, [{ givenName: 'Bo' }, { givenName: 'Cy' }, { givenName: 'Di' }]))
    expect(heard.count()).toBe(4)
  })

  it('stay silent for an edit that changes nothing, a draft that does not sync, and a rejected edit', async () => {
    db = testDb()
    const ann = unwrap(await createContact(db, { givenName: 'Ann', phone: '555-0101' }))
    const heard = listen()
    unwrap(await updateContact(db, ann.id, { phone: '555-0101' }))
    unwrap(await createInvoice(db, { contactId: ann.id }))
    const bad = await updateContact(db, ann.id, { email: 'not an email' })
    expect(bad.ok).toBe(false)
    expect(heard.count()).toBe(0)
  })

  it('stop after unsubscribing', async () => {
    db = testDb()
    const heard = listen()
    unwrap(await createContact(db, { givenName: 'Ann' }))
    stop?.()
    unwrap(await createContact(db, { givenName: 'Bo' }))
    expect(heard.count()).toBe(1)
  })
})

describe('the pending count', () => {
  it('counts each record once, a claimed and an open row of one record included', async () => {
    db = testDb()
    const made = unwrap(
      await createContacts(
        db,
        Array.from({ length: 12 }, (_, i) => ({ givenName: `C${i}` })),
      ),
    )
    const rows = await listOutbox(db)
    // A gap in seq, and a record in flight edited again: a claimed row and an open row for one record.
    await db.outbox.delete(rows[4]!.seq)
    await db.outbox.update(rows[0]!.seq, { batchId: 'b1', requestId: 'r1' })
    unwrap(await updateContact(db, made[0]!.id, { notes: 'Gate code 12' }))
    const all = await listOutbox(db)
    expect(all).toHaveLength(12)
    expect(await pendingCount(db)).toBe(11)
  })
})
