import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createContact,
  createContacts,
  deleteContact,
  findContactsByEmail,
  getContact,
  listContacts,
  updateContact,
} from './contacts.ts'
import { listOutbox, pendingCount } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'
import { testClock, testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

describe('contacts', () => {
  it('creates a contact at version 1, derives the display name and queues one create', async () => {
    db = testDb()
    const c = unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee', email: ' Ann@Example.com ' }))
    expect(c).toMatchObject({ version: 1, displayName: 'Ann Lee', email: 'Ann@Example.com', active: true })
    expect(await listOutbox(db)).toMatchObject([
      { kind: 'contact', localId: c.id, version: 1, op: 'create', attempts: 0 },
    ])
    expect((await findContactsByEmail(db, 'ann@EXAMPLE.com')).map((x) => x.id)).toEqual([c.id])
  })

  it('explains invalid input field by field in plain words', async () => {
    db = testDb()
    const r = await createContact(db, { email: 'not-an-email', phone: '1'.repeat(40) })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toMatchObject({
      kind: 'validation',
      fields: { email: 'Enter an email like name@example.com', phone: 'Enter a phone number of at most 30 characters' },
    })
    const nameless = await createContact(db, { email: 'x@example.com' })
    expect(nameless.ok ? null : nameless.error).toMatchObject({
      kind: 'validation',
      fields: { displayName: 'Enter a name or a company' },
    })
    expect(await db.contacts.count()).toBe(0)
    expect(await pendingCount(db)).toBe(0)
  })

  it('coalesces edits into the pending row until the engine claims it', async () => {
    const clock = testClock()
    db = testDb(clock)
    const c = unwrap(await createContact(db, { companyName: 'Elm Street Bakery' }))
    clock.advance(1000)
    const v2 = unwrap(await updateContact(db, c.id, { phone: '555-0100' }))
    expect(v2.version).toBe(2)
    expect(v2.updatedAt).toBe('2025-03-14T09:00:01.000Z')
    expect(await listOutbox(db)).toMatchObject([{ localId: c.id, version: 2, op: 'create' }])

    const [row] = await listOutbox(db)
    await db.outbox.update(row!.seq, { batchId: 'b1', requestId: 'r1' })
    const v3 = unwrap(await updateContact(db, c.id, { notes: 'Back door' }))
    expect(v3.version).toBe(3)
    expect((await listOutbox(db)).map((r) => [r.version, r.op, r.batchId])).toEqual([
      [2, 'create', 'b1'],
      [3, 'update', undefined],
    ])
    expect(await pendingCount(db)).toBe(1)
  })

  it('does not bump the version or queue anything when an edit changes nothing', async () => {
    db = testDb()
    const c = unwrap(await createContact(db, { givenName: 'Bo', email: 'bo@example.com' }))
    const same = unwrap(await updateContact(db, c.id, { email: 'bo@example.com', notes: '' }))
    expect(same.version).toBe(1)
    expect(await db.outbox.count()).toBe(1)
  })

  it('deletes softly: the row stays, inactive, and a delete is queued', async () => {
    db = testDb()
    const c = unwrap(await createContact(db, { givenName: 'Cy' }))
    const d = unwrap(await deleteContact(db, c.id))
    expect(d).toMatchObject({ active: false, version: 2 })
    expect(d.deletedAt).toBe('2025-03-14T09:00:00.000Z')
    expect(await db.contacts.get(c.id)).toMatchObject({
      id: c.id,
      active: false,
      deletedAt: '2025-03-14T09:00:00.000Z',
    })
    expect(await getContact(db, c.id)).toBeUndefined()
    expect(await listOutbox(db)).toMatchObject([{ version: 2, op: 'delete' }])
    expect((await updateContact(db, c.id, { notes: 'x' })).ok).toBe(false)
  })

  it('bulk-creates in one go, or writes nothing when one input is invalid', async () => {
    db = testDb()
    const bad = await createContacts(db, [{ givenName: 'A' }, { givenName: 'B', email: 'b@' }])
    expect(bad.ok ? null : bad.error).toMatchObject({
      kind: 'validation',
      fields: { '1.email': 'Enter an email like name@example.com' },
    })
    expect(await db.contacts.count()).toBe(0)
    unwrap(await createContacts(db, [{ givenName: 'A' }, { givenName: 'B' }]))
    expect(await pendingCount(db)).toBe(2)
  })

  it('searches by the start of name words, company, email and phone digits', async () => {
    db = testDb()
    unwrap(
      await createContacts(db, [
        { givenName: 'José', familyName: 'Álvarez', companyName: 'Sunrise Roofing', phone: '(555) 201-3344' },
        { givenName: 'Mary', familyName: 'Joseph', email: 'mj@example.com' },
        { givenName: 'Inactive', familyName: 'Person', active: false },
      ]),
    )
    const names = async (search: string) => (await listContacts(db, { search })).map((c) => c.displayName)
    expect(await names('jose')).toEqual(['José Álvarez', 'Mary Joseph'])
    expect(await names('alv')).toEqual(['José Álvarez'])
    expect(await names('sunrise')).toEqual(['José Álvarez'])
    expect(await names('mj@')).toEqual(['Mary Joseph'])
    expect(await names('201-33')).toEqual(['José Álvarez'])
    expect(await names('person')).toEqual([])
    expect((await listContacts(db, { includeInactive: true })).length).toBe(3)
  })

  it('lists more than a page of contacts by name, leaving out deleted ones and, unless asked, inactive ones', async () => {
    db = testDb()
    const made = unwrap(
      await createContacts(
        db,
        Array.from({ length: 260 }, (_, i) => ({
          givenName: 'Pat',
          familyName: `Name${String(259 - i).padStart(3, '0')}`,
        })),
      ),
    )
    await deleteContact(db, made[0]!.id)
    await updateContact(db, made[1]!.id, { active: false })
    const listed = (await listContacts(db)).map((c) => c.displayName)
    expect(listed.length).toBe(258)
    expect(listed.slice(0, 2)).toEqual(['Pat Name000', 'Pat Name001'])
    expect(listed).toEqual([...listed].sort())
    expect((await listContacts(db, { includeInactive: true })).length).toBe(259)
  })
})
