import { afterEach, describe, expect, it, vi } from 'vitest'
import { createContact } from '../db/contacts.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testDb } from '../db/test-db.ts'
import { changedTables, watchQuery } from './live.ts'

let db: FieldsyncDB | undefined
afterEach(async () => {
  await db?.delete()
})

describe('changedTables', () => {
  it("reads table names from Dexie's change notice, once each", () => {
    const t = changedTables({
      'idb://fieldsync/outbox/': 1,
      'idb://fieldsync/outbox/[kind+localId]': 1,
      'idb://fieldsync/syncLog/status': 1,
    })
    expect(t).toEqual(new Set(['outbox', 'syncLog']))
  })
  it('says "all" when the notice covers everything', () => {
    expect(changedTables({ all: 1 })).toBe('all')
  })
})

describe('watchQuery', () => {
  it('re-runs when a table it reads changes, and not for another table', async () => {
    const d = (db = testDb())
    await d.open() // creating the database announces every table as changed
    const contacts: number[] = []
    let settingsRuns = 0
    const stopContacts = watchQuery(
      () => d.contacts.count(),
      ['contacts'],
      (o) => {
        if (o.ok) contacts.push(o.value)
      },
    )
    const stopSettings = watchQuery(
      () => (settingsRuns++, d.settings.count()),
      ['settings'],
      () => {},
    )
    await vi.waitFor(() => expect(contacts).toEqual([0]))
    await vi.waitFor(() => expect(settingsRuns).toBe(1))
    await createContact(d, { givenName: 'Ann', familyName: 'Lee' })
    await vi.waitFor(() => expect(contacts).toEqual([0, 1]), { timeout: 3000 })
    expect(settingsRuns).toBe(1)
    stopContacts()
    stopSettings()
  })

  it('delivers a failure as a value and nothing after stop', async () => {
    const got: unknown[] = []
    const stop = watchQuery(
      () => Promise.reject(new Error('closed')),
      undefined,
      (o) => got.push(o),
    )
    await vi.waitFor(() => expect(got).toMatchObject([{ ok: false }]))
    stop()
    const after: unknown[] = []
    watchQuery(
      () => 1,
      undefined,
      (o) => after.push(o),
    )()
    await new Promise((r) => setTimeout(r, 0))
    expect(after).toEqual([])
  })
})
