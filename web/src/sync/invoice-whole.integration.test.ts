/**
 * Invoices that arrive whole, against the emulator: a job's invoice under its sub-customer (the parent created first,
 * in the same push), an invoice without a job under the parent, jobs left alone once the setting is off, and an
 * invoice with a discount, a free-text line and a property arriving with all three and QuickBooks' total equal to
 * the tablet's.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createContact } from '../db/contacts.ts'
import { addLine, addLineFromItem, createInvoice, finalizeInvoice, updateInvoiceHeader } from '../db/invoices.ts'
import { createJob } from '../db/jobs.ts'
import { createProperty } from '../db/properties.ts'
import { updateSettings } from '../db/settings.ts'
import { unwrap } from '../db/test-db.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { push } from './push.ts'
import { startPullWorld, type PullWorld } from './pull-world.ts'
import { fakeClock } from './test-support/fake-clock.ts'

let w: PullWorld
beforeEach(async () => {
  w = await startPullWorld()
  await w.initialSync()
})
afterEach(async () => {
  await w.close()
})

const site = { line1: '4 Harbor Way', city: 'Sacramento', region: 'CA', postalCode: '95814' }
const pushNow = async () => (await push(w.deps({ clock: fakeClock(await w.now()) }))).summary
const qboIdOf = async (kind: string, localId: string) =>
  (await w.db.mappings.toArray()).find((m) => m.kind === kind && m.localId === localId)?.qboId
const inQuickBooks = async (entity: 'Customer' | 'Invoice', id: string | undefined) =>
  (await w.entities(entity)).find((x) => x.Id === id)

async function finalized(contactId: LocalId, header: Parameters<typeof updateInvoiceHeader>[2] = {}) {
  const item = (await w.db.items.toArray()).find((i) => !i.deletedAt && i.active !== false)!
  const inv = unwrap(await createInvoice(w.db, { contactId }))
  unwrap(await addLineFromItem(w.db, inv.id, item.id))
  unwrap(await updateInvoiceHeader(w.db, inv.id, header))
  return unwrap(await finalizeInvoice(w.db, inv.id))
}

it('a job’s invoice goes to its sub-customer, made under its new parent in the same push', async () => {
  await updateSettings(w.db, { subCustomerJobs: true })
  const contact = unwrap(await createContact(w.db, { companyName: 'Harbor Lofts LLC' }))
  const p = unwrap(await createProperty(w.db, { contactId: contact.id, label: 'Unit 4', address: site }))
  const job = unwrap(
    await createJob(w.db, { contactId: contact.id, name: 'Unit 4 repipe', number: 'J-104', propertyId: p.id }),
  )
  const forJob = await finalized(contact.id, { jobId: job.id })
  const forContact = await finalized(contact.id)

  expect(await pushNow()).toMatchObject({ failed: 0 })
  const parentId = await qboIdOf('contact', contact.id)
  const subId = await qboIdOf('job', job.id)
  expect(await inQuickBooks('Customer', subId)).toMatchObject({
    DisplayName: 'J-104 Unit 4 repipe',
    Job: true,
    ParentRef: { value: parentId },
    FullyQualifiedName: 'Harbor Lofts LLC:J-104 Unit 4 repipe',
  })
  const jobInvoice = await inQuickBooks('Invoice', await qboIdOf('invoice', forJob.id))
  expect(jobInvoice).toMatchObject({ CustomerRef: { value: subId }, ShipAddr: { Line1: site.line1, City: site.city } })
  expect(await inQuickBooks('Invoice', await qboIdOf('invoice', forContact.id))).toMatchObject({
    CustomerRef: { value: parentId },
  })
})

it('with jobs as sub-customers off, a new job stays here and the sub-customers made before are left alone', async () => {
  await updateSettings(w.db, { subCustomerJobs: true })
  const contact = unwrap(await createContact(w.db, { companyName: 'Harbor Lofts LLC' }))
  const first = unwrap(await createJob(w.db, { contactId: contact.id, name: 'Unit 4 repipe' }))
  await finalized(contact.id, { jobId: first.id })
  expect(await pushNow()).toMatchObject({ failed: 0 })
  const subId = await qboIdOf('job', first.id)
  const before = await inQuickBooks('Customer', subId)

  await updateSettings(w.db, { subCustomerJobs: false })
  const second = unwrap(await createJob(w.db, { contactId: contact.id, name: 'Unit 5 water heater' }))
  const inv = await finalized(contact.id, { jobId: second.id })
  expect(await pushNow()).toMatchObject({ failed: 0 })

  expect(await qboIdOf('job', second.id)).toBeUndefined()
  expect((await w.entities('Customer')).some((c) => c['DisplayName'] === 'Unit 5 water heater')).toBe(false)
  expect(await inQuickBooks('Invoice', await qboIdOf('invoice', inv.id))).toMatchObject({
    CustomerRef: { value: await qboIdOf('contact', contact.id) },
  })
  expect(await inQuickBooks('Customer', subId)).toEqual(before)
})

it('an invoice with a discount, a free-text line and a property arrives with all three', async () => {
  const service = (await w.entities('Item')).find((i) => i['Type'] === 'Service' && i['Active'] !== false)!
  await updateSettings(w.db, { freeTextItemId: service.Id })
  const contact = unwrap(await createContact(w.db, { givenName: 'Dana', familyName: 'Ortiz' }))
  unwrap(await createProperty(w.db, { contactId: contact.id, address: site }))
  const item = (await w.db.items.toArray()).find((i) => !i.deletedAt && i.active !== false && i.unitPrice > 0)!
  const draft = unwrap(await createInvoice(w.db, { contactId: contact.id, taxRateBps: 0 }))
  unwrap(await addLineFromItem(w.db, draft.id, item.id, 2000))
  unwrap(await addLine(w.db, draft.id, { name: 'Haul away old heater', qty: 1000, unitPrice: 7500 }))
  unwrap(await updateInvoiceHeader(w.db, draft.id, { discount: { kind: 'percent', bps: 1000 } }))
  const inv = unwrap(await finalizeInvoice(w.db, draft.id))

  expect(await pushNow()).toMatchObject({ synced: 2, failed: 0 })
  const q = (await inQuickBooks('Invoice', await qboIdOf('invoice', inv.id)))!
  const lines = q['Line'] as { DetailType: string; Amount: number; Description?: string; [k: string]: unknown }[]
  expect(lines.find((l) => l.Description === 'Haul away old heater')).toMatchObject({
    Amount: 75,
    SalesItemLineDetail: { ItemRef: { value: service.Id } },
  })
  expect(lines.find((l) => l.DetailType === 'DiscountLineDetail')).toMatchObject({
    Amount: Math.round(inv.subtotal / 10) / 100,
    DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
  })
  expect(q['ShipAddr']).toMatchObject({ Line1: site.line1, PostalCode: site.postalCode })
  expect(Math.round((q['TotalAmt'] as number) * 100)).toBe(inv.total)
  const warnings = (await w.db.syncLog.toArray()).filter((r) => r.status === 'warning' && r.kind === 'invoice')
  expect(warnings).toEqual([])
})
