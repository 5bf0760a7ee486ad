/**
 * Link for a duplicate name (docs/product.md §Errors: QuickBooks refuses a name it already has → rename or link), in
 * Chromium against the whole stack: a contact named like an existing QuickBooks customer goes red naming the clash;
 * Link (asked first, naming the QuickBooks customer) turns it green, from the record's panel and from the sync log,
 * and QuickBooks still holds one customer of each name, not two.
 */
import { expect, test, type Page } from '@playwright/test'
import { company, connectFromCard, nav, ownCompany, realmOf, shot, syncNow } from './journey-steps.ts'

async function contactNamed(page: Page, name: string, email: string): Promise<void> {
  await nav(page, 'Contacts')
  await page.getByRole('link', { name: 'New contact' }).first().click()
  await page.getByLabel('Company').fill(name)
  await page.getByLabel('Display name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Save contact' }).click()
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
}

test('a duplicate name is linked to the QuickBooks customer that has it, from the record and from the log', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  const ownRealm = await ownCompany(page, 'Journey Link Plumbing')
  await connectFromCard(page, 'Connect', ownRealm)
  await page
    .getByTestId('qbo-card')
    .getByRole('link', { name: /Initial sync/ })
    .click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  const realmId = await realmOf(page)
  const before = (await company(page, realmId))['Customer'] ?? []
  const [taken, other] = before
    .filter((c) => c['Active'] !== false && !c['Job'])
    .map((c) => ({ id: String(c['Id']), name: String(c['DisplayName']) }))
  const named = async (name: string) =>
    ((await company(page, realmId))['Customer'] ?? []).filter((c) => c['DisplayName'] === name)

  // From the record: red X naming the clash → Link, asked first with the QuickBooks customer named → green.
  await contactNamed(page, taken!.name, 'link.one@example.com')
  await syncNow(page)
  const panel = page.getByTestId('record-sync')
  await expect(panel.getByTestId('sync-state')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })
  await expect(panel.getByTestId('record-sync-words')).toContainText(
    `already has a customer named "${taken!.name}" (Id ${taken!.id})`,
  )
  await panel.getByRole('button', { name: 'Link', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`the QuickBooks customer "${taken!.name}" (Id ${taken!.id})`)
  await shot(page, 'sync-17-link-confirm')
  await dialog.getByRole('button', { name: 'Link', exact: true }).click()
  await expect(panel.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 })
  await shot(page, 'sync-18-linked-green')
  const one = await named(taken!.name)
  expect(one).toHaveLength(1)
  expect(String(one[0]!['Id'])).toBe(taken!.id)

  // An edit after the link updates that customer, never creates a second one.
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill('(555) 017-4040')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await syncNow(page)
  await expect(page.getByTestId('record-sync').getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', {
    timeout: 30_000,
  })
  await expect
    .poll(
      async () =>
        (await named(taken!.name)).map(
          (c) => (c['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber,
        ),
      { timeout: 15_000 },
    )
    .toEqual(['(555) 017-4040'])

  // From the sync log's error row: the same Link, the same result.
  await contactNamed(page, other!.name, 'link.two@example.com')
  await syncNow(page)
  await expect(page.getByTestId('record-sync').getByTestId('sync-state')).toHaveAttribute('data-state', 'failed', {
    timeout: 30_000,
  })
  await page.goto('/#/sync')
  await page.getByLabel('Filter by status').selectOption('error')
  const row = page.getByTestId('sync-log').locator('tr[data-status="error"]').filter({ hasText: other!.name }).first()
  await row.getByRole('button', { name: 'Link', exact: true }).click()
  await expect(page.getByRole('dialog')).toContainText(
    `“${other!.name}” will be linked to the QuickBooks customer "${other!.name}" (Id ${other!.id})`,
  )
  await page.getByRole('dialog').getByRole('button', { name: 'Link', exact: true }).click()
  await expect(
    page.getByRole('status').filter({ hasText: `Linked to the QuickBooks customer "${other!.name}"` }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: /Retry all errors/ })).toBeDisabled()
  // The old refusals stay in the log, with nothing left to link.
  await expect(page.getByTestId('sync-log').getByRole('button', { name: 'Link', exact: true })).toHaveCount(0)
  expect(await named(other!.name)).toHaveLength(1)
})
