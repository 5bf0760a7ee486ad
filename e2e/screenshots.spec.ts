/**
 * Saves every page at tablet size (1024×768) with demo data into
 * test-results/screenshots/, for a person to look at. The assertions only make
 * sure each page has really rendered before its picture is taken.
 *
 *   npx playwright test e2e/screenshots.spec.ts
 */
import { expect, test, type Page } from '@playwright/test'

const dir = 'test-results/screenshots'
const shot = (page: Page, name: string) => page.screenshot({ path: `${dir}/${name}.png` })
const h2 = (page: Page, name: string | RegExp) => expect(page.getByRole('heading', { level: 2, name })).toBeVisible()

test('screenshots of every page at 1024×768 with demo data', async ({ page, context }) => {
  await page.goto('/?demo=1#/contacts')
  // The first row is there once the demo data is written: the same budget as the whole load.
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').first()).toBeVisible({
    timeout: 20_000,
  })
  await expect(page.getByTestId('demo-notice')).toBeHidden({ timeout: 20_000 })
  await shot(page, '01-contacts')

  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').nth(2).click()
  await expect(page.getByRole('heading', { level: 3, name: 'Details' })).toBeVisible()
  await shot(page, '02-contact-detail')

  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Enter an email like name@example.com')).toBeVisible()
  await shot(page, '03-contact-edit-with-error')

  await page.goto('/#/pricebook')
  await expect(page.getByRole('list', { name: 'Items' }).getByRole('listitem').first()).toBeVisible()
  await shot(page, '04-pricebook')
  await page.getByRole('list', { name: 'Items' }).getByRole('listitem').first().click()
  await h2(page, /^Edit /)
  await shot(page, '05-item-edit')

  await page.goto('/#/invoices')
  await expect(page.getByRole('list', { name: 'Invoices' }).getByRole('listitem').first()).toBeVisible()
  await shot(page, '06-invoices')

  await page.getByRole('button', { name: 'Drafts' }).click()
  await page.getByRole('list', { name: 'Invoices' }).getByRole('listitem').first().click()
  await h2(page, 'Draft invoice')
  await shot(page, '07-invoice-draft')
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByTestId('totals').scrollIntoViewIfNeeded()
  await shot(page, '07b-invoice-draft-adding-line')

  await page.goto('/#/invoices')
  await page.getByRole('button', { name: 'Unpaid' }).click()
  await page.getByRole('list', { name: 'Invoices' }).getByRole('listitem').first().click()
  await h2(page, /^Invoice \d+$/)
  await shot(page, '08-invoice-finalized')
  await page.getByRole('button', { name: 'Void' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await shot(page, '09-invoice-void-confirm')
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('link', { name: 'Record payment' }).click()
  await h2(page, 'Record payment')
  await shot(page, '10-payment-new')

  await page.goto('/#/payments')
  await expect(page.getByRole('list', { name: 'Payments' }).getByRole('listitem').first()).toBeVisible()
  await shot(page, '11-payments')

  await page.goto('/#/settings')
  await h2(page, 'Settings')
  await shot(page, '12-settings')

  await page.goto('/#/invoices/new')
  await h2(page, 'New invoice')
  await shot(page, '13-invoice-new')

  await context.setOffline(true)
  await page.goto('/#/contacts')
  await expect(page.getByText("You're offline.")).toBeVisible()
  await shot(page, '14-offline-banner')
})
