/**
 * The contractor's day, in real Chromium with real IndexedDB and the real
 * service worker: a contact, an item, an invoice from that contact with a
 * pricebook line, finalized and partly paid; then no network, a reload, all of
 * it still there, edits made offline, and the pending count following along.
 */
import { expect, test, type Page } from '@playwright/test'
import { killEdge } from './support/offline.ts'

const pending = (page: Page) => page.getByTestId('pending-count')
const nav = (page: Page, section: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click()

test('create, finalize and pay an invoice, then reload offline and keep working', async ({ page, context }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 2, name: 'Contacts' })).toBeVisible()
  await expect(pending(page)).toHaveText('0')

  // A contact. The form explains what is wrong next to the field.
  await page.getByRole('link', { name: 'New contact' }).first().click()
  await page.getByLabel('Email').fill('dana@')
  await page.getByRole('button', { name: 'Save contact' }).click()
  await expect(page.getByText('Enter an email like name@example.com')).toBeVisible()
  await page.getByLabel('First name').fill('Dana')
  await page.getByLabel('Last name').fill('Whitfield')
  await page.getByLabel('Email').fill('dana.whitfield@example.com')
  await page.getByLabel('Phone').fill('(555) 010-4477')
  await page.getByLabel('Street', { exact: true }).fill('42 Alder Lane')
  await page.getByLabel('City').fill('Springfield')
  await page.getByRole('button', { name: 'Save contact' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Dana Whitfield' })).toBeVisible()
  await expect(pending(page)).toHaveText('1')

  // A pricebook item.
  await nav(page, 'Pricebook')
  await page.getByRole('link', { name: 'New item' }).first().click()
  await page.getByLabel('Name').fill('Water heater flush')
  await page.getByLabel(/Unit price/).fill('145.00')
  await page.getByRole('button', { name: 'Save item' }).click()
  await expect(page.getByRole('list', { name: 'Items' }).getByText('Water heater flush')).toBeVisible()
  await expect(pending(page)).toHaveText('2')

  // An invoice started from the contact, with a pricebook line; qty edits update the totals live.
  await nav(page, 'Contacts')
  await page.getByRole('list', { name: 'Contacts' }).getByText('Dana Whitfield').click()
  await page.getByRole('link', { name: 'New invoice' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Draft invoice' })).toBeVisible()
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByRole('list', { name: 'Pricebook items' }).getByText('Water heater flush').click()
  await expect(page.getByTestId('invoice-total')).toHaveText('$145.00')
  await page.getByLabel('Quantity of Water heater flush').fill('2')
  await expect(page.getByTestId('invoice-total')).toHaveText('$290.00')
  await expect(pending(page)).toHaveText('2') // drafts never sync, so nothing is queued yet

  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
  const invoiceTitle = (await page.getByRole('heading', { level: 2 }).textContent()) ?? ''
  await expect(pending(page)).toHaveText('3')

  // A partial payment from the invoice.
  await page.getByRole('link', { name: 'Record payment' }).click()
  await expect(page.getByLabel(/Amount/)).toHaveValue('290.00')
  await page.getByLabel(/Amount/).fill('100')
  await page.getByLabel('Reference').fill('CHK 2231')
  await page.getByRole('button', { name: 'Save payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: invoiceTitle })).toBeVisible()
  await expect(page.getByTestId('invoice-balance')).toHaveText('$190.00')
  await expect(page.getByText('Partly paid')).toBeVisible()
  await expect(pending(page)).toHaveText('4')

  // The service worker must hold the app shell before the network goes away.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      )
    }
  })

  // No network: the browser's flag, and nothing answering. The app goes by its edge not answering; the flag alone
  // has not held across a reload on every Chromium (this step failed on Debian 12's Chromium 150).
  await context.setOffline(true)
  await killEdge(page)
  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: "You're offline" })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: invoiceTitle })).toBeVisible()
  await expect(page.getByTestId('invoice-total')).toHaveText('$290.00')
  await expect(page.getByTestId('invoice-balance')).toHaveText('$190.00')
  await expect(pending(page)).toHaveText('4')

  await nav(page, 'Pricebook')
  await expect(page.getByRole('list', { name: 'Items' }).getByText('Water heater flush')).toBeVisible()
  await nav(page, 'Payments')
  await expect(page.getByRole('list', { name: 'Payments' }).getByText('Dana Whitfield')).toBeVisible()
  await nav(page, 'Invoices')
  await expect(
    page.getByRole('list', { name: 'Invoices' }).getByText(invoiceTitle.replace('Invoice ', '')),
  ).toBeVisible()

  // Offline edit of a record already queued: the change rides on its pending row, so the count holds.
  await nav(page, 'Contacts')
  await page.getByRole('list', { name: 'Contacts' }).getByText('Dana Whitfield').click()
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill('(555) 010-9000')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: '(555) 010-9000' })).toBeVisible()
  await expect(pending(page)).toHaveText('4')

  // Offline, the rest is paid: a new payment is queued and the count goes up.
  await page.getByRole('link', { name: 'Record payment' }).click()
  await page.getByLabel(/Amount/).fill('190.00')
  await expect(page.getByLabel(/Apply to invoice/)).toHaveValue('190.00')
  await page.getByRole('button', { name: 'Save payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Payments' })).toBeVisible()
  await expect(pending(page)).toHaveText('5')
  await nav(page, 'Invoices')
  await page.getByRole('list', { name: 'Invoices' }).getByText(invoiceTitle.replace('Invoice ', '')).click()
  await expect(page.getByText('Paid', { exact: true })).toBeVisible()
  await expect(page.getByTestId('invoice-balance')).toHaveText('$0.00')

  // And the edits survive another offline reload.
  await page.reload()
  await expect(page.getByTestId('invoice-balance')).toHaveText('$0.00')
  await expect(pending(page)).toHaveText('5')
})
