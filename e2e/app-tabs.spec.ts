/** The header's pending badge follows writes made in another tab of the app (Dexie signals across tabs). */
import { expect, test } from '@playwright/test'

test('a contact saved in one tab raises the pending badge in the other', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()]
  await a.goto('/#/invoices')
  await b.goto('/#/contacts/new')
  await expect(a.getByTestId('pending-count')).toHaveText('0')

  await b.getByLabel('Company').fill('Riverside Dental')
  await b.getByRole('button', { name: 'Save contact' }).click()
  await expect(b.getByRole('heading', { level: 2, name: 'Riverside Dental' })).toBeVisible()

  await expect(a.getByTestId('pending-count')).toHaveText('1')
  // Not by reload: tab A is still where it was.
  await expect(a).toHaveURL(/#\/invoices$/)
})
