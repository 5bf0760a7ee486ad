/**
 * A schedule that means it: with changes sent only on Sync Now, a new contact stays on the tablet through a reload
 * (whose start-up sync still pulls a bookkeeper's edit down) and reaches QuickBooks on Sync Now, after which the
 * sync screen says when it last sent.
 */
import { expect, test } from '@playwright/test'
import {
  admin,
  company,
  connectFromCard,
  nav,
  newContact,
  openContact,
  ownCompany,
  pending,
  shot,
  syncNow,
} from './journey-steps.ts'

test('automatic sync off: an edit does not reach QuickBooks until Sync Now', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Journey Schedule Plumbing')
  const card = await connectFromCard(page, 'Connect', realmId)
  await card.getByLabel('Send changes to QuickBooks').selectOption('manual')
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('schedule-card')).toContainText('only when you tap Sync Now')

  await newContact(page, 'Ivo', 'Held', 'ivo.held@example.com')
  await expect(pending(page)).toHaveText('1')
  await expect(page.getByTestId('record-sync-words')).toHaveText('Waiting to be sent to QuickBooks')

  // A bookkeeper's edit in QuickBooks, then a reload: the start-up sync pulls it down and sends nothing.
  const before = await company(page, realmId)
  const other = (before['Customer'] ?? []).find((c) => c['Active'] !== false && c['Job'] !== true)!
  const name = String(other['DisplayName'])
  const patch = await page.request.patch(admin(`/companies/${realmId}/customer/${String(other['Id'])}`), {
    data: { PrimaryPhone: { FreeFormNumber: '(555) 014-2020' } },
  })
  expect(patch.ok()).toBe(true)
  await page.reload()
  await openContact(page, name)
  await expect(page.getByText('(555) 014-2020')).toBeVisible({ timeout: 30_000 })
  const held = (await company(page, realmId))['Customer'] ?? []
  expect(held.filter((c) => c['DisplayName'] === 'Ivo Held')).toHaveLength(0)
  await expect(pending(page)).toHaveText('1')

  await syncNow(page)
  await expect(pending(page)).toHaveText('0', { timeout: 30_000 })
  const after = (await company(page, realmId))['Customer'] ?? []
  expect(after.filter((c) => c['DisplayName'] === 'Ivo Held')).toHaveLength(1)
  await nav(page, 'Settings')
  await page
    .getByTestId('qbo-card')
    .getByRole('link', { name: /Initial sync/ })
    .click()
  await expect(page.getByTestId('schedule-times')).not.toContainText('not yet')
  await shot(page, 'schedule-01-sync-screen')
})
