import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { newLocalId } from '#shared/domain/index.ts'
import { findContactsByEmail, listContacts, updateContact } from './contacts.ts'
import { listOutbox } from './outbox.ts'
import { getSettings } from './settings.ts'
import { FieldsyncDB, declareVersions, latestVersion, versions } from './schema.ts'

describe('schema migrations', () => {
  it('keeps every version, numbered 1, 2, …', () => {
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1))
    expect(latestVersion).toBeGreaterThanOrEqual(2)
  })

  it('upgrades a version-1 database: data intact, email and name keys backfilled', async () => {
    const name = `migrate-${newLocalId()}`
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange })
    declareVersions(v1, 1)
    const id = newLocalId()
    await v1.table('contacts').add({
      id,
      version: 3,
      updatedAt: '2024-01-01T00:00:00.000Z',
      displayName: 'Zoë  O’Brien',
      email: ' Zoe@Example.COM',
      active: true,
    })
    await v1.table('outbox').add({
      kind: 'contact',
      localId: id,
      version: 3,
      op: 'update',
      createdAt: '2024-01-01T00:00:00.000Z',
      attempts: 0,
    })
    await v1.table('invoices').add({ id: newLocalId(), contactId: id, status: 'draft', number: undefined })
    expect(v1.verno).toBe(1)
    v1.close()

    const db = new FieldsyncDB(name, { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBe(latestVersion)
    const row = await db.contacts.get(id)
    expect(row).toMatchObject({
      version: 3,
      displayName: 'Zoë  O’Brien',
      emailKey: 'zoe@example.com',
      nameKey: 'zoe o brien',
    })
    expect((await findContactsByEmail(db, 'ZOE@example.com')).map((c) => c.id)).toEqual([id])
    expect((await listContacts(db, { search: 'zoe' })).map((c) => c.id)).toEqual([id])
    expect(await db.invoices.where('issueDate').below('z').count()).toBe(0) // new index exists and is queryable
    // the pending row written under v1 is still there, and an edit coalesces into it
    await updateContact(db, id, { notes: 'gate code 1234' })
    expect(await listOutbox(db)).toMatchObject([{ localId: id, version: 4, op: 'update' }])
    await db.delete()
  })
  it('upgrades the auto-sync switch to a schedule: off becomes "only on Sync Now"', async () => {
    for (const [autoSync, mode] of [
      [false, 'manual'],
      [true, 'automatic'],
    ] as const) {
      const name = `migrate-${newLocalId()}`
      const v2 = new Dexie(name, { indexedDB, IDBKeyRange })
      declareVersions(v2, 2)
      await v2.table('settings').put({ id: 'app', autoSync, nextInvoiceNumber: 1200 })
      v2.close()
      const db = new FieldsyncDB(name, { indexedDB, IDBKeyRange })
      const s = await getSettings(db)
      expect(s).toMatchObject({ schedule: { mode }, nextInvoiceNumber: 1200 })
      expect(await db.settings.get('app')).not.toHaveProperty('autoSync')
      await db.delete()
    }
  })
})
