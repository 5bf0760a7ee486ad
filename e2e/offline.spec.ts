/**
 * Offline as a tablet meets it: the browser's own flag, and an edge that stops answering while the browser still
 * says online (dead Wi-Fi, a captive portal). The banner, the header's Sync Now and its badge follow the edge.
 */
import { expect, test, type Page } from '@playwright/test'
import { connectFromCard, newContact, pending, syncNow } from './journey-steps.ts'
import { killEdge, reviveEdge, serviceWorkerInControl } from './support/offline.ts'

const banner = (page: Page) => page.getByRole('status').filter({ hasText: "You're offline" })
const header = (page: Page) => page.getByRole('banner')

test('the browser going offline and back moves the banner, Sync Now and the badge', async ({ page, context }) => {
  await page.goto('/')
  await expect(header(page)).toHaveAttribute('data-online', 'yes')
  await expect(banner(page)).toBeHidden()
  await serviceWorkerInControl(page)

  await context.setOffline(true)
  await expect(banner(page)).toBeVisible()
  await expect(header(page)).toHaveAttribute('data-online', 'no')
  // Work goes on offline and the badge counts it.
  await newContact(page, 'Offline', 'Flag', 'offline.flag@example.com')
  await expect(pending(page)).toHaveText('1')
  // Sync Now offline asks the edge first and stays put when it does not answer.
  await syncNow(page)
  await expect(page.getByRole('heading', { level: 2, name: 'Offline Flag' })).toBeVisible()
  await expect(banner(page)).toBeVisible()

  await context.setOffline(false)
  await expect(banner(page)).toBeHidden()
  await expect(header(page)).toHaveAttribute('data-online', 'yes')
  await expect(pending(page)).toHaveText('1')
})

test('an edge that stops answering is offline though the browser says online', async ({ page }) => {
  await page.goto('/')
  await connectFromCard(page)
  await expect(banner(page)).toBeHidden()
  // The app shell must be in the service worker before the edge goes away.
  await serviceWorkerInControl(page)

  await killEdge(page)
  expect(await page.evaluate(() => navigator.onLine)).toBe(true)
  // A sync that cannot reach the edge is what reveals it.
  await syncNow(page)
  await expect(banner(page)).toBeVisible()
  await expect(header(page)).toHaveAttribute('data-online', 'no')

  // A reload with the edge still dead opens offline at once.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Fieldsync' })).toBeVisible()
  await expect(banner(page)).toBeVisible()
  await newContact(page, 'Dead', 'Edge', 'dead.edge@example.com')
  await expect(pending(page)).toHaveText('1')

  // The edge comes back: the backoff's next probe (or Sync Now, which asks at once) finds it.
  await reviveEdge(page)
  await syncNow(page)
  await expect(banner(page)).toBeHidden()
  await expect(header(page)).toHaveAttribute('data-online', 'yes')
})
