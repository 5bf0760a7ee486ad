import { expect, test } from '@playwright/test'

test('the app shell opens at tablet size and its nav reaches every section', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Fieldsync' })).toBeVisible()
  const sync = page.getByRole('button', { name: 'Sync Now' })
  await expect(sync).toBeVisible()
  await expect(page.getByTestId('pending-count')).toHaveText('0')
  expect((await sync.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44)

  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const section of ['Invoices', 'Pricebook', 'Payments', 'Settings', 'Contacts']) {
    const link = nav.getByRole('link', { name: section })
    await link.click()
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()
    await expect(link).toHaveClass(/active/)
    // Touch targets: at least 44 px high on a tablet.
    const box = await link.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    // Every page's own buttons and links, too (inline text links in prose excepted).
    for (const target of await page
      .locator('main .btn, main .chip, main input:not([type=checkbox]), main select')
      .all()) {
      if (!(await target.isVisible())) continue
      const h = (await target.boundingBox())?.height ?? 0
      expect(h, `${section}: ${await target.evaluate((e) => e.outerHTML.slice(0, 80))}`).toBeGreaterThanOrEqual(44)
    }
  }
  await expect(page).toHaveURL(/#\/contacts$/)
})

test('Sync Now leads to Settings, where the QuickBooks connection will live', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Sync Now' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Integrations' })).toContainText('QuickBooks Online')
})

test('the offline banner follows the connection', async ({ page, context }) => {
  await page.goto('/')
  const banner = page.getByRole('status').filter({ hasText: "You're offline" })
  await expect(banner).toBeHidden()
  await context.setOffline(true)
  await expect(banner).toBeVisible()
  await context.setOffline(false)
  await expect(banner).toBeHidden()
})

test('the edge health route answers through the app origin', async ({ request }) => {
  const res = await request.get('/health')
  expect(res.status()).toBe(200)
  expect(await res.json()).toMatchObject({ ok: true })
})

test('each list keeps its New button once records appear after an empty start', async ({ page }) => {
  // The list pages show the same button in their header and in their empty state.
  const lists = [
    ['/#/contacts', 'New contact'],
    ['/#/pricebook', 'New item'],
    ['/#/invoices', 'New invoice'],
    ['/#/payments', 'Record payment'],
  ] as const
  for (const [path, label] of lists) {
    await page.goto(path)
    await expect(page.getByRole('link', { name: label })).toHaveCount(2)
  }
  await page.goto('/?demo=1#/contacts')
  await expect(page.getByRole('link', { name: 'Ahmed Hassan' })).toBeVisible()
  for (const [path, label] of lists) {
    await page.goto(path)
    await expect(
      page.getByRole('main').locator('header, .page-header').getByRole('link', { name: label }),
    ).toBeVisible()
  }
})
