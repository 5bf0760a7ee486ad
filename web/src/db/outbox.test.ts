import { afterEach, describe, expect, it } from 'vitest'
import { createContact, createContacts, updateContact } from './contacts.ts'
import { createInvoice } from './invoices.ts'
import { onLocalEdit } from './outbox.ts'
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
