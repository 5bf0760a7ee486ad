import { expect, test, type Page } from '@playwright/test'

// The first sync as a contractor meets it: a contact recorded offline, Connect from the Settings card
// (the emulator's consent in a popup), the preview, the run, the log, and the Sync Now badge back to zero.

const pending = (page: Page) => page.getByTestId('pending-count')
const emulator = `http://127.0.0.1:${process.env.FIELDSYNC_EMULATOR_PORT ?? '9401'}`

// The e2e stack's emulator outlives each spec: start from the seeded company, not from what
// earlier journeys pushed into it.
test.beforeEach(async ({ request }) => {
  expect((await request.post(`${emulator}/__admin/companies/reset`)).ok()).toBe(true)
})

test('connect from Settings, preview the initial sync, run it and see the log', async ({ page }) => {
  test.setTimeout(90_000)
  await page.goto('/')
  await page.getByRole('link', { name: 'New contact' }).first().click()
  await page.getByLabel('First name').fill('Wren')
  await page.getByLabel('Last name').fill('Okafor')
  await page.getByLabel('Email').fill('wren.okafor@example.com')
  await page.getByRole('button', { name: 'Save contact' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Wren Okafor' })).toBeVisible()
  await expect(pending(page)).toHaveText('1')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  const card = page.getByTestId('qbo-card')
  const [popup] = await Promise.all([page.waitForEvent('popup'), card.getByRole('button', { name: 'Connect' }).click()])
  await popup.getByRole('radio').first().check()
  await popup.getByRole('button', { name: 'Connect' }).click()
  await expect(card.getByTestId('qbo-connected')).toHaveText('Connected', { timeout: 15_000 })
  await expect(card.getByTestId('qbo-company')).not.toBeEmpty()

  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  const preview = page.getByTestId('sync-preview')
  await expect(preview).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('preview-create-qbo')).toContainText('1')
  await expect(page.getByTestId('preview-decide')).toContainText('0')
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toContainText('1 sent to QuickBooks', { timeout: 30_000 })

  const log = page.getByTestId('sync-log')
  await expect(log.locator('tr[data-status="synced"]').filter({ hasText: 'Wren Okafor' })).toHaveCount(1)
  // The company's customers came down as new contacts here.
  expect(await log.locator('tr[data-status="synced"]').count()).toBeGreaterThan(1)
  await expect(pending(page)).toHaveText('0')
})
