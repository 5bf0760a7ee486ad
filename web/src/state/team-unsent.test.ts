import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createContact, updateContact } from '../db/contacts.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testDb, unwrap } from '../db/test-db.ts'
import { unsentFile } from './team-unsent.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

describe('unsent records', () => {
  it('lists each record with a queued change once, as it is now', async () => {
    db = testDb()
    const ann = unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Okafor' }))
    unwrap(await updateContact(db, ann.id, { givenName: 'Anna' }))
    const file = await unsentFile(db, 'Dripless Plumbing', new Date('2026-12-07T12:00:00Z'))
    expect(file.company).toBe('Dripless Plumbing')
    expect(file.records).toHaveLength(1)
    expect(file.records[0]).toMatchObject({ kind: 'contact', op: 'create', record: { givenName: 'Anna' } })
  })
  it('is empty when everything was sent', async () => {
    db = testDb()
    expect((await unsentFile(db, null, new Date())).records).toEqual([])
  })
})
