import { expect, test } from '@playwright/test'

test('the app shell opens at tablet size and its nav reaches every section', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Fieldsync' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sync Now' })).toBeVisible()

  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const section of ['Invoices', 'Pricebook', 'Payments', 'Settings', 'Contacts']) {
    const link = nav.getByRole('link', { name: section })
    await link.click()
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()
    await expect(link).toHaveClass(/active/)
    // Touch targets: at least 44 px high on a tablet.
    const box = await link.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
  }
  await expect(page).toHaveURL(/#\/contacts$/)
})

test('the edge health route answers through the app origin', async ({ request }) => {
  const res = await request.get('/health')
  expect(res.status()).toBe(200)
  expect(await res.json()).toMatchObject({ ok: true })
})
