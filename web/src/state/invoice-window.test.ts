import { afterEach, describe, expect, it } from 'vitest'
import { createContacts, deleteContact, readInPages } from '../db/contacts.ts'
import { createInvoices, listInvoices } from '../db/invoices.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testDb, unwrap } from '../db/test-db.ts'
import { allInvoices, contactNames, newestInvoices } from './invoice-window.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

async function seed(n: number) {
  db = testDb()
  const contacts = unwrap(
    await createContacts(
      db,
      Array.from({ length: 3 }, (_, i) => ({ givenName: `Given${i}`, familyName: `Family${i}` })),
    ),
  )
  const invoices = unwrap(
    await createInvoices(
      db,
      Array.from({ length: n }, (_, i) => ({
        contactId: contacts[i % 3]!.id,
        issueDate: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        lines: [{ name: 'Service Call', qty: 1000, unitPrice: 8900 }],
      })),
    ),
  )
  return { contacts, invoices }
}

describe('the invoice list reads', () => {
  it('reads every row a page at a time, the last page short or empty', async () => {
    await seed(7)
    expect((await readInPages(db.invoices, 3)).length).toBe(7)
    expect((await readInPages(db.invoices, 7)).length).toBe(7)
    const ids = (await readInPages(db.invoices, 2)).map((i) => i.id)
    expect(new Set(ids).size).toBe(7)
  })

  it('lists every invoice in the same order as listInvoices, and the newest first screen from it', async () => {
    await seed(30)
    const all = await allInvoices(db)
    expect(all.map((i) => i.id)).toEqual((await listInvoices(db)).map((i) => i.id))
    const first = await newestInvoices(db, 5)
    expect(first.invoices.map((i) => i.id)).toEqual(all.slice(0, 5).map((i) => i.id))
  })

  it('names every contact but a deleted one, which the list then calls deleted', async () => {
    const { contacts } = await seed(3)
    await deleteContact(db, contacts[0]!.id)
    const names = await contactNames(db)
    expect(names.get(contacts[1]!.id)).toBe('Given1 Family1')
    expect(names.has(contacts[0]!.id)).toBe(false)
  })
})
