import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { LocalId } from '#shared/domain/index.ts'
import { createContact } from '../db/contacts.ts'
import { createInvoices } from '../db/invoices.ts'
import { createItem, deleteItem, listItems } from '../db/items.ts'
import { deletePayment, listPayments, recordPayment } from '../db/payments.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testClock, testDb, unwrap } from '../db/test-db.ts'
import { allItems, allPayments, appliedNumbers, matchingItems } from './list-pages.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

describe('list pages', () => {
  it('lists payments newest first, as the repository does, and the numbers of the invoices they apply to', async () => {
    const clock = testClock()
    db = testDb(clock)
    const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
    const [fin] = unwrap(
      await createInvoices(db, [
        {
          contactId: ann.id,
          issueDate: '2025-03-01',
          lines: [{ name: 'Labour', qty: 1000, unitPrice: 10000 }],
          finalize: true,
        },
      ]),
    )
    const pay = (date: string, applications: { invoiceId: LocalId; amount: number }[] = []) => {
      clock.advance(1000)
      return recordPayment(db, { contactId: ann.id, date, amount: 1000, applications }).then(unwrap)
    }
    const first = await pay('2025-03-20', [{ invoiceId: fin!.id, amount: 1000 }])
    await pay('2025-03-22')
    await pay('2025-03-20')
    const gone = await pay('2025-03-25')
    unwrap(await deletePayment(db, gone.id))
    const mine = await allPayments(db)
    expect(mine.map((p) => p.id)).toEqual((await listPayments(db)).map((p) => p.id))
    expect(mine.map((p) => p.date)).toEqual(['2025-03-22', '2025-03-20', '2025-03-20'])
    expect(mine.at(-1)!.id).toBe(first.id)
    expect(await appliedNumbers(db, mine)).toEqual(new Map([[fin!.id, fin!.number]]))
  })

  it('lists items by name as the name index does, and searches them in memory', async () => {
    db = testDb()
    unwrap(await createItem(db, { name: 'Wax Ring', unitPrice: 625, type: 'product', sku: 'WR-1' }))
    unwrap(await createItem(db, { name: 'Drain Cleaning', unitPrice: 24500 }))
    unwrap(await createItem(db, { name: 'Old Snake Rental', unitPrice: 4500, active: false }))
    const gone = unwrap(await createItem(db, { name: 'Auger', unitPrice: 100 }))
    unwrap(await deleteItem(db, gone.id))
    const all = await allItems(db)
    const names = (xs: { name: string }[]) => xs.map((i) => i.name)
    expect(names(matchingItems(all, '', false))).toEqual(names(await listItems(db)))
    expect(names(matchingItems(all, '', true))).toEqual(names(await listItems(db, { includeInactive: true })))
    expect(names(matchingItems(all, ' wr-', false))).toEqual(['Wax Ring'])
    expect(names(matchingItems(all, 'snake', false))).toEqual([])
    expect(names(matchingItems(all, 'snake', true))).toEqual(['Old Snake Rental'])
  })
})
