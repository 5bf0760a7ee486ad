import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createContact } from './contacts.ts'
import { addLine, createInvoice, finalizeInvoice, updateInvoiceHeader } from './invoices.ts'
import { createJob } from './jobs.ts'
import { createProperty, updateProperty } from './properties.ts'
import type { FieldsyncDB } from './schema.ts'
import { updateSettings } from './settings.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

const home = { line1: '12 Elm St', city: 'Springfield', region: 'IL', postalCode: '62704' }
const rental = { line1: '40 Oak Ave', city: 'Springfield', region: 'IL', postalCode: '62711' }

async function setup() {
  db = testDb()
  const contact = unwrap(await createContact(db, { givenName: 'Ann', familyName: 'Lee' }))
  const other = unwrap(await createContact(db, { givenName: 'Bo', familyName: 'Ray' }))
  return { contact, other }
}

describe('the invoice’s ship-to', () => {
  it('is the contact’s one property, then the job’s property once a job is chosen', async () => {
    const { contact } = await setup()
    unwrap(await createProperty(db, { contactId: contact.id, address: home }))
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    expect(inv.shipAddress).toMatchObject(home)
    const oak = unwrap(await createProperty(db, { contactId: contact.id, label: 'Rental', address: rental }))
    const job = unwrap(await createJob(db, { contactId: contact.id, name: 'Oak Ave boiler', propertyId: oak.id }))
    const withJob = unwrap(await updateInvoiceHeader(db, inv.id, { jobId: job.id }))
    expect(withJob).toMatchObject({ jobId: job.id, shipAddress: rental })
  })

  it('does not guess among several properties, and follows the one chosen', async () => {
    const { contact } = await setup()
    unwrap(await createProperty(db, { contactId: contact.id, address: home }))
    const oak = unwrap(await createProperty(db, { contactId: contact.id, address: rental }))
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    expect(inv.shipAddress).toBeUndefined()
    expect(unwrap(await updateInvoiceHeader(db, inv.id, { propertyId: oak.id })).shipAddress).toMatchObject(rental)
  })

  it('is taken again at finalize, then stays as it was sent', async () => {
    const { contact } = await setup()
    const p = unwrap(await createProperty(db, { contactId: contact.id, address: home }))
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    unwrap(await addLine(db, inv.id, { name: 'Labor', qty: 1000, unitPrice: 5000 }))
    unwrap(await updateProperty(db, p.id, { address: rental }))
    const done = unwrap(await finalizeInvoice(db, inv.id))
    expect(done.shipAddress).toMatchObject(rental)
    unwrap(await updateProperty(db, p.id, { address: home }))
    expect(unwrap(await updateInvoiceHeader(db, inv.id, { memo: 'Thanks' })).shipAddress).toMatchObject(rental)
  })

  it('refuses another contact’s job or property', async () => {
    const { contact, other } = await setup()
    const job = unwrap(await createJob(db, { contactId: other.id, name: 'Their job' }))
    const p = unwrap(await createProperty(db, { contactId: other.id, address: home }))
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    expect(await updateInvoiceHeader(db, inv.id, { jobId: job.id })).toMatchObject({
      ok: false,
      error: { fields: { jobId: expect.any(String) } },
    })
    expect(await updateInvoiceHeader(db, inv.id, { propertyId: p.id })).toMatchObject({
      ok: false,
      error: { fields: { propertyId: expect.any(String) } },
    })
  })
})

describe('the invoice’s discount', () => {
  it('comes off the total, percent or amount, and can be taken off again', async () => {
    const { contact } = await setup()
    const inv = unwrap(await createInvoice(db, { contactId: contact.id, taxRateBps: 1000 }))
    unwrap(await addLine(db, inv.id, { name: 'Labor', qty: 2000, unitPrice: 5000, taxable: true }))
    const pct = unwrap(await updateInvoiceHeader(db, inv.id, { discount: { kind: 'percent', bps: 1000 } }))
    // Tax on the lines before the discount, as QuickBooks computes by default.
    expect(pct).toMatchObject({ subtotal: 10_000, tax: 1000, total: 10_000 })
    const amt = unwrap(await updateInvoiceHeader(db, inv.id, { discount: { kind: 'amount', cents: 2550 } }))
    expect(amt).toMatchObject({ total: 8450, balance: 8450 })
    const none = unwrap(await updateInvoiceHeader(db, inv.id, { discount: undefined }))
    expect(none.discount).toBeUndefined()
    expect(none.total).toBe(11_000)
  })

  it('may not be more than the lines add up to', async () => {
    const { contact } = await setup()
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    unwrap(await addLine(db, inv.id, { name: 'Labor', qty: 1000, unitPrice: 5000 }))
    expect(await updateInvoiceHeader(db, inv.id, { discount: { kind: 'amount', cents: 5001 } })).toMatchObject({
      ok: false,
      error: { fields: { discount: expect.any(String) } },
    })
  })

  it('is locked once the invoice is finalized', async () => {
    const { contact } = await setup()
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    unwrap(await addLine(db, inv.id, { name: 'Labor', qty: 1000, unitPrice: 5000 }))
    unwrap(await finalizeInvoice(db, inv.id))
    expect(await updateInvoiceHeader(db, inv.id, { discount: { kind: 'percent', bps: 500 } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_state' },
    })
  })
})

describe('the free-text item', () => {
  it('is the company’s choice, kept on an invoice with a priced free-text line', async () => {
    const { contact } = await setup()
    await updateSettings(db, { freeTextItemId: '19' })
    const inv = unwrap(await createInvoice(db, { contactId: contact.id }))
    const noted = unwrap(await addLine(db, inv.id, { name: 'Note', qty: 1000, unitPrice: 0 }))
    expect(noted.freeTextItemId).toBeUndefined()
    const priced = unwrap(await addLine(db, inv.id, { name: 'Haul away', qty: 1000, unitPrice: 7500 }))
    expect(priced.freeTextItemId).toBe('19')
    const done = unwrap(await finalizeInvoice(db, inv.id))
    await updateSettings(db, { freeTextItemId: '20' })
    expect(unwrap(await updateInvoiceHeader(db, done.id, { memo: 'Thanks' })).freeTextItemId).toBe('19')
  })
})
