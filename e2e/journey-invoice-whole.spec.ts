/**
 * Invoices that arrive whole, in Chromium against the whole stack: with jobs as sub-customers on, a job made on the
 * contact's page and chosen on the invoice → QuickBooks holds the job as a sub-customer of the contact and the
 * invoice under it, at the job's property; an invoice with a 10 % discount, a free-text line and the contact's
 * property → QuickBooks holds all three and the tablet's total. Pictures of the job form and the invoice form go to
 * test-results/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test'
import { company, connectFromCard, nav, newContact, openContact, ownCompany, shot, syncNow } from './journey-steps.ts'

type Json = Record<string, unknown>

async function initialSync(page: Page, realmId: string): Promise<void> {
  const card = await connectFromCard(page, 'Connect', realmId)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
}

/** The company's free-text item, as the setup wizard would store it on this device. */
async function chooseFreeTextItem(page: Page, qboItemId: string): Promise<void> {
  await page.evaluate(async (id) => {
    const open = indexedDB.open('fieldsync')
    const db = await new Promise<IDBDatabase>((ok, no) => {
      open.onsuccess = () => ok(open.result)
      open.onerror = () => no(open.error)
    })
    const tx = db.transaction('settings', 'readwrite')
    const store = tx.objectStore('settings')
    const row = await new Promise<Record<string, unknown>>((ok) => {
      const r = store.get('app')
      r.onsuccess = () => ok((r.result as Record<string, unknown> | undefined) ?? { id: 'app' })
    })
    store.put({ ...row, freeTextItemId: id })
    await new Promise((ok) => (tx.oncomplete = ok))
    db.close()
  }, qboItemId)
  await page.reload()
}

async function invoiceFor(page: Page, contact: string): Promise<string> {
  await openContact(page, contact)
  await page.getByRole('link', { name: 'New invoice' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Draft invoice' })).toBeVisible()
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByRole('list', { name: 'Pricebook items' }).getByRole('listitem').first().click()
  return page.url()
}

async function finalize(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
  return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
}

async function sentInvoice(page: Page, realmId: string, docNumber: string): Promise<Json> {
  await syncNow(page)
  let found: Json | undefined
  await expect
    .poll(async () => (found = (await company(page, realmId))['Invoice']!.find((i) => i['DocNumber'] === docNumber)))
    .toBeDefined()
  await expect(page.getByTestId('record-sync-words')).toHaveText('Up to date in QuickBooks', { timeout: 30_000 })
  return found!
}

test('a job’s invoice arrives under its sub-customer; discount, free-text line and property arrive together', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Journey Whole Invoices')
  await initialSync(page, realmId)
  await nav(page, 'Settings')
  await page.getByLabel('Jobs as sub-customers').check()
  await expect(page.getByLabel('Jobs as sub-customers')).toBeChecked()

  // The contact, its rental, and a job at the rental.
  await newContact(page, 'Dana', 'Ortiz', 'dana.ortiz@example.com')
  await page.getByRole('button', { name: 'Add property' }).click()
  await page.getByLabel('Label').fill('Rental on Oak St')
  await page.getByLabel('Street').fill('40 Oak Ave')
  await page.getByLabel('City').fill('Sacramento')
  await page.getByLabel('State').fill('CA')
  await page.getByLabel('Postal code').fill('95814')
  await page.getByRole('button', { name: 'Save property' }).click()
  await expect(page.getByText('40 Oak Ave, Sacramento, CA 95814')).toBeVisible()
  await page.getByRole('button', { name: 'Add job' }).click()
  const jobForm = page.getByRole('form', { name: 'New job' })
  await jobForm.getByLabel('Job name').fill('Unit 4 repipe')
  await jobForm.getByLabel('Job number').fill('J-104')
  await jobForm
    .getByLabel('Property', { exact: true })
    .selectOption({ label: 'Rental on Oak St — 40 Oak Ave, Sacramento, CA 95814' })
  await jobForm.scrollIntoViewIfNeeded()
  await shot(page, 'whole-01-job-form')
  await jobForm.getByRole('button', { name: 'Add job' }).click()
  await expect(page.getByTestId('jobs').getByText('J-104 · Unit 4 repipe')).toBeVisible()
  await page.getByTestId('jobs').scrollIntoViewIfNeeded()
  await shot(page, 'whole-02-contact-jobs')

  // An invoice for the job: QuickBooks holds it under the job's sub-customer, made under Dana Ortiz.
  await invoiceFor(page, 'Dana Ortiz')
  await page.getByLabel('Job', { exact: true }).selectOption({ label: 'J-104 · Unit 4 repipe' })
  await expect(page.getByTestId('ship-to')).toHaveText('40 Oak Ave, Sacramento, CA 95814')
  const jobNumber = await finalize(page)
  const jobInvoice = await sentInvoice(page, realmId, jobNumber)
  const customers = (await company(page, realmId))['Customer']!
  const parent = customers.find((c) => c['DisplayName'] === 'Dana Ortiz')!
  const sub = customers.find((c) => c['DisplayName'] === 'J-104 Unit 4 repipe')!
  expect(sub).toMatchObject({ Job: true, ParentRef: { value: parent['Id'] } })
  expect(jobInvoice).toMatchObject({
    CustomerRef: { value: sub['Id'] },
    ShipAddr: { Line1: '40 Oak Ave', City: 'Sacramento', PostalCode: '95814' },
  })

  // An invoice with a discount and a free-text line, at the contact's one property. Until the company's free-text
  // item is chosen, the invoice says so and leads to Settings; once it is, the invoice takes it at its next edit.
  await invoiceFor(page, 'Dana Ortiz')
  await page.getByRole('button', { name: 'Add free-text line' }).click()
  await page.getByLabel('Line', { exact: true }).fill('Haul away old heater')
  await page.getByLabel('Unit price', { exact: true }).fill('75.00')
  await page.getByRole('button', { name: 'Add line' }).click()
  await expect(page.getByRole('table', { name: 'Invoice lines' }).getByText('Haul away old heater')).toBeVisible()
  await expect(
    page
      .getByTestId('free-text-notice')
      .getByRole('link', { name: 'Choose the QuickBooks item free-text lines post to' }),
  ).toHaveAttribute('href', /settings/)
  const service = (await company(page, realmId))['Item']!.find((i) => i['Type'] === 'Service' && i['Active'] !== false)!
  await chooseFreeTextItem(page, String(service['Id']))
  await expect(page.getByRole('heading', { level: 2, name: 'Draft invoice' })).toBeVisible()
  await page.getByLabel('Discount', { exact: true }).selectOption('percent')
  await page.getByLabel('Percent off').fill('10')
  await page.getByLabel('Percent off').press('Enter')
  await expect(page.getByTestId('invoice-discount')).toBeVisible()
  await expect(page.getByTestId('ship-to')).toHaveText('40 Oak Ave, Sacramento, CA 95814')
  await expect(page.getByTestId('free-text-notice')).toHaveCount(0)
  await shot(page, 'whole-03-invoice-form')
  const total = await page.getByTestId('invoice-total').textContent()
  const number = await finalize(page)
  const q = await sentInvoice(page, realmId, number)
  const lines = q['Line'] as Json[]
  expect(q['CustomerRef']).toMatchObject({ value: parent['Id'] })
  expect(lines.find((l) => l['Description'] === 'Haul away old heater')).toMatchObject({
    Amount: 75,
    SalesItemLineDetail: { ItemRef: { value: service['Id'] } },
  })
  expect(lines.find((l) => l['DetailType'] === 'DiscountLineDetail')).toMatchObject({
    DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
  })
  expect(q['ShipAddr']).toMatchObject({ Line1: '40 Oak Ave', PostalCode: '95814' })
  expect(`$${(q['TotalAmt'] as number).toFixed(2)}`).toBe(total?.replace(/,/g, ''))
})
