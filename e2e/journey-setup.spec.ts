/**
 * The setup wizard from connect to a finished initial sync: the company and its numbering, accounts with
 * QuickBooks' usual ones preselected, what QuickBooks holds (imported now), how to sync, and the first sync.
 * Each step is photographed at 1024×768 into test-results/screenshots/.
 */
import { expect, test } from '@playwright/test'
import { company, connectFromCard, newContact, ownCompany, pending, shot } from './journey-steps.ts'

test('the setup wizard: from connect to a finished initial sync', async ({ page }) => {
  test.setTimeout(240_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Journey Setup Plumbing')
  await newContact(page, 'Sol', 'Setup', 'sol.setup@example.com')
  await connectFromCard(page, 'Connect', realmId)
  const setupCard = page.getByTestId('setup-card')
  await setupCard.getByRole('link', { name: 'Set up QuickBooks' }).click()

  const wizard = page.getByTestId('setup-wizard')
  const next = () => wizard.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByTestId('setup-company')).toHaveText('Journey Setup Plumbing', { timeout: 30_000 })
  await expect(page.getByTestId('setup-step-1')).toContainText(/invoice/)
  await shot(page, 'setup-01-company')

  await next()
  const step2 = page.getByTestId('setup-step-2')
  const income = step2.getByLabel('Income account for new items')
  await expect(income.locator('option:checked')).toHaveText('Sales of Product Income')
  await expect(step2.getByLabel('Deposit payments to').locator('option:checked')).toHaveText('Undeposited Funds')
  await step2.getByLabel('Free-text lines post to').selectOption({ index: 1 })
  await step2.getByRole('button', { name: 'Use these accounts' }).click()
  await expect(wizard.getByRole('status')).toHaveText('Saved.')
  await shot(page, 'setup-02-accounts')

  await next()
  const step3 = page.getByTestId('setup-step-3')
  await expect(page.getByTestId('setup-counts')).toContainText('customers')
  await step3.getByRole('button', { name: 'Import items' }).click()
  await expect(page.getByTestId('import-result')).toContainText('Imported items', { timeout: 30_000 })
  await shot(page, 'setup-03-import')

  await next()
  const step4 = page.getByTestId('setup-step-4')
  await step4.getByLabel('Send changes to QuickBooks').selectOption('daily')
  await expect(step4.getByLabel('Time of day (24-hour)')).toHaveValue('18:00')
  await shot(page, 'setup-04-how-to-sync')

  await next()
  const step5 = page.getByTestId('setup-step-5')
  await step5.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await shot(page, 'setup-05-preview')
  await step5.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toContainText('1 sent to QuickBooks', { timeout: 60_000 })
  await step5.getByRole('button', { name: 'Finish setup' }).click()
  await expect(pending(page)).toHaveText('0')
  await shot(page, 'setup-06-done')

  const customers = (await company(page, realmId))['Customer'] ?? []
  expect(customers.filter((c) => c['DisplayName'] === 'Sol Setup')).toHaveLength(1)
  // Reopenable from Settings, where the imports stay.
  await page.goto('/#/settings')
  await expect(setupCard.getByRole('link', { name: 'Open setup' })).toBeVisible()
  await expect(setupCard.getByRole('button', { name: 'Import customers' })).toBeVisible()
})
