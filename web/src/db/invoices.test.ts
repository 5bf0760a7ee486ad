import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { invoiceState } from '#shared/domain/index.ts'
import { createContact } from './contacts.ts'
import {
  addLine,
  addLineFromItem,
  createInvoice,
  createInvoices,
  deleteDraftInvoice,
  finalizeInvoice,
  listInvoices,
  removeLine,
  updateInvoiceHeader,
  updateLine,
  voidInvoice,
} from './invoices.ts'
import { createItem, updateItem } from './items.ts'
import { listOutbox } from './outbox.ts'
import { recordPayment } from './payments.ts'
import type { FieldsyncDB } from './schema.ts'
import { updateSettings } from './settings.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

async function setup() {
  db = testDb()
  const contact = unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee' }))
  const item = unwrap(await createItem(db, { name: 'Service call', unitPrice: 8950, taxable: true }))
  const part = unwrap(
    await createItem(db, { name: 'Ball valve 3/4"', type: 'product', unitPrice: 1299, taxable: true }),
  )
  await db.outbox.clear()
  return { contact, item, part }
}

describe('invoices', () => {
  it('creates a draft dated today with the default terms and tax, and queues nothing while it is a draft', async () => {
    const { contact, item } = await setup()
    unwrap(await updateSettings(db, { defaultTaxRateBps: 825, defaultTermsDays: 14 }))
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    expect(inv).toMatchObject({
      status: 'draft',
      issueDate: '2025-03-14',
      dueDate: '2025-03-28',
      taxRateBps: 825,
      total: 0,
    })
    expect(inv.number).toBeUndefined()
    const v2 = unwrap(await addLineFromItem(db, inv.id, item.id, 1500))
    expect(v2.version).toBe(2)
    expect(await listOutbox(db)).toEqual([])
  })

  it('copies name, price and taxable from the pricebook and recomputes totals in cents', async () => {
    const { contact, item, part } = await setup()
    const inv = unwrap(await createInvoice(db, { contactId: contact.id, taxRateBps: 825 }))
    unwrap(await addLineFromItem(db, inv.id, item.id, 1500)) // 1.5 × 89.50 = 134.25
    unwrap(await addLineFromItem(db, inv.id, part.id, 3000)) // 3 × 12.99 = 38.97
    const withFree = unwrap(
      await addLine(db, inv.id, { name: 'Disposal fee', qty: 1000, unitPrice: 2500, taxable: false }),
    )
    expect(withFree.lines.map((l) => [l.name, l.amount, l.taxable, l.itemId])).toEqual([
      ['Service call', 13425, true, item.id],
      ['Ball valve 3/4"', 3897, true, part.id],
      ['Disposal fee', 2500, false, undefined],
    ])
    // tax = round(173.22 × 8.25 %) = round(14.29065) = 14.29
    expect(withFree).toMatchObject({ subtotal: 19822, tax: 1429, total: 21251, balance: 21251 })
    // a later price change in the pricebook does not alter the copied line
    unwrap(await updateItem(db, item.id, { unitPrice: 9999 }))
    const edited = unwrap(await updateLine(db, inv.id, withFree.lines[1]!.id, { qty: 1000 }))
    expect(edited.lines[0]!.unitPrice).toBe(8950)
    expect(edited).toMatchObject({ subtotal: 13425 + 1299 + 2500 })
    const removed = unwrap(await removeLine(db, inv.id, withFree.lines[2]!.id))
    expect(removed.lines).toHaveLength(2)
    expect(removed.total).toBe(removed.subtotal + removed.tax)
  })

  it('finalize numbers invoices in sequence, locks lines and queues a create', async () => {
    const { contact, item } = await setup()
    const a = unwrap(await createInvoice(db, { contactId: contact.id }))
    const b = unwrap(await createInvoice(db, { contactId: contact.id }))
    const empty = await finalizeInvoice(db, a.id)
    expect(empty.ok ? null : empty.error).toMatchObject({
      kind: 'validation',
      fields: { lines: 'Add at least one line before finalizing' },
    })
    unwrap(await addLineFromItem(db, a.id, item.id))
    unwrap(await addLineFromItem(db, b.id, item.id))
    const fa = unwrap(await finalizeInvoice(db, a.id))
    const fb = unwrap(await finalizeInvoice(db, b.id))
    expect([fa.number, fb.number]).toEqual(['1001', '1002'])
    expect(fa).toMatchObject({ status: 'finalized', balance: fa.total })
    const locked = await addLineFromItem(db, a.id, item.id)
    expect(locked.ok ? null : locked.error.kind).toBe('invalid_state')
    expect((await finalizeInvoice(db, a.id)).ok).toBe(false)
    unwrap(await updateInvoiceHeader(db, a.id, { dueDate: '2025-05-01' }))
    const rows = await listOutbox(db)
    expect(rows.map((r) => [r.localId, r.op, r.version])).toEqual([
      [a.id, 'create', fa.version + 1],
      [b.id, 'create', fb.version],
    ])
    const refused = await updateInvoiceHeader(db, a.id, { taxRateBps: 100 })
    expect(refused.ok ? null : refused.error.kind).toBe('invalid_state')
  })

  it('finalizes without a number while QuickBooks numbers the company’s invoices', async () => {
    const { contact, item } = await setup()
    unwrap(await updateSettings(db, { quickBooksNumbers: true }))
    const a = unwrap(await createInvoice(db, { contactId: contact.id }))
    unwrap(await addLineFromItem(db, a.id, item.id))
    const fa = unwrap(await finalizeInvoice(db, a.id))
    expect(fa).toMatchObject({ status: 'finalized', balance: fa.total })
    expect(fa.number).toBeUndefined()
    const [many] = unwrap(
      await createInvoices(db, [
        {
          contactId: contact.id,
          finalize: true,
          lines: [{ itemId: item.id, name: 'Service call', qty: 1000, unitPrice: 8950 }],
        },
      ]),
    )
    expect(many).toMatchObject({ status: 'finalized' })
    expect(many!.number).toBeUndefined()
    // The counter is left where it was: no number was given out.
    expect((await db.settings.get('app'))?.nextInvoiceNumber ?? 1001).toBe(1001)
    expect((await listOutbox(db)).map((r) => [r.localId, r.op])).toEqual([
      [a.id, 'create'],
      [many!.id, 'create'],
    ])
  })

  it('voids a finalized invoice unless payments are applied to it', async () => {
    const { contact, item } = await setup()
    const [x, y] = unwrap(
      await createInvoices(db, [
        {
          contactId: contact.id,
          lines: [{ itemId: item.id, name: 'Service call', qty: 1000, unitPrice: 8950 }],
          finalize: true,
        },
        { contactId: contact.id, lines: [{ name: 'Labour', qty: 2000, unitPrice: 6000 }], finalize: true },
      ]),
    )
    unwrap(
      await recordPayment(db, {
        contactId: contact.id,
        date: '2025-03-15',
        amount: 1000,
        applications: [{ invoiceId: y!.id, amount: 1000 }],
      }),
    )
    const blocked = await voidInvoice(db, y!.id)
    expect(blocked.ok ? null : blocked.error.message).toMatch(/Delete those payments/)
    const v = unwrap(await voidInvoice(db, x!.id))
    expect(v).toMatchObject({ status: 'void', balance: 0 })
    expect(invoiceState(v)).toBe('void')
    const ops = (await listOutbox(db)).filter((r) => r.localId === x!.id).map((r) => r.op)
    expect(ops).toEqual(['void'])
  })

  it('deletes drafts outright but never a finalized invoice', async () => {
    const { contact } = await setup()
    const d = unwrap(await createInvoice(db, { contactId: contact.id }))
    unwrap(await deleteDraftInvoice(db, d.id))
    expect(await db.invoices.get(d.id)).toBeUndefined()
    const [f] = unwrap(
      await createInvoices(db, [
        { contactId: contact.id, lines: [{ name: 'Labour', qty: 1000, unitPrice: 100 }], finalize: true },
      ]),
    )
    expect((await deleteDraftInvoice(db, f!.id)).ok).toBe(false)
  })

  it('bulk import validates lines with their position and continues numbering from settings', async () => {
    const { contact } = await setup()
    const bad = await createInvoices(db, [{ contactId: contact.id, lines: [{ name: '', qty: 0, unitPrice: 1 }] }])
    expect(bad.ok ? null : bad.error).toMatchObject({
      kind: 'validation',
      fields: { '0.lines.0.name': 'Enter what this line is for', '0.lines.0.qty': 'Enter a quantity other than zero' },
    })
    unwrap(await updateSettings(db, { nextInvoiceNumber: 5000 }))
    const made = unwrap(
      await createInvoices(db, [
        { contactId: contact.id, lines: [{ name: 'A', qty: 1000, unitPrice: 100 }], finalize: true },
        { contactId: contact.id, lines: [{ name: 'B', qty: 1000, unitPrice: 100 }] },
      ]),
    )
    expect(made.map((i) => i.number)).toEqual(['5000', undefined])
    expect((await listInvoices(db, { status: 'draft' })).map((i) => i.id)).toEqual([made[1]!.id])
    expect(await listOutbox(db)).toHaveLength(1)
  })
})
