/**
 * The errors of the table in docs/product.md §Errors as the user meets them, each with its way out, in Chromium against
 * the whole stack: QuickBooks revokes the sign-in → the banner and the card say Reconnect, with the reason, and
 * reconnecting resumes; an invoice deleted in QuickBooks → red X, "Unlink and create again" (asked first) →
 * green with a new QuickBooks invoice; the log's errors retried in one go, and the log exported as CSV.
 */
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import {
  admin,
  company,
  connectFromCard,
  nav,
  newContact,
  openContact,
  pending,
  ownCompany,
  realmOf,
  shot,
  syncNow,
  tabletNumbers,
} from './journey-steps.ts'
import { killEdge, reviveEdge } from './support/offline.ts'

async function finalizedInvoice(page: Page, contact: string): Promise<string> {
  await openContact(page, contact)
  await page.getByRole('link', { name: 'New invoice' }).click()
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByRole('list', { name: 'Pricebook items' }).getByRole('listitem').first().click()
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
  return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
}

test('auth revoked, record deleted in QuickBooks, retry all and CSV: every error has a way out', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/')
  const ownRealm = await ownCompany(page, 'Journey Errors Plumbing')
  await tabletNumbers(page, ownRealm)
  await newContact(page, 'Ines', 'Marlow', 'ines.marlow@example.com')
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

  // An invoice in QuickBooks, then deleted there by the bookkeeper; our next edit is refused.
  const number = await finalizedInvoice(page, 'Ines Marlow')
  await syncNow(page)
  const panel = page.getByTestId('record-sync')
  await expect(panel.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 })
  const mine = (i: Record<string, unknown>) =>
    i['DocNumber'] === number && (i['CustomerRef'] as { name?: string } | undefined)?.name === 'Ines Marlow'
  const first = (await company(page, realmId))['Invoice']!.find(mine)!
  // The crew edits it while the tablet cannot reach the edge; meanwhile the bookkeeper deletes it in QuickBooks.
  // (Had the pull seen the deletion first, the invoice would simply be deleted here too.)
  await killEdge(page)
  await page.getByLabel('Memo').fill('Second visit')
  await page.getByLabel('Memo').blur()
  await expect(pending(page)).toHaveText('1')
  expect((await page.request.delete(admin(`/companies/${realmId}/invoice/${String(first['Id'])}`))).ok()).toBe(true)
  await reviveEdge(page)
  await syncNow(page)
  await expect(panel.getByTestId('sync-state')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })
  await expect(panel.getByRole('button', { name: 'Unlink and create again' })).toBeVisible()
  await shot(page, 'sync-12-not-found-red')

  // Retry all from the log first: still refused (never recreated silently), the row stays red.
  await page.goto('/#/sync')
  await expect(page.getByRole('button', { name: /Retry all errors \(1\)/ })).toBeEnabled()
  await page.getByLabel('Filter by status').selectOption('error')
  await expect(page.getByTestId('sync-log').locator('tr')).not.toHaveCount(1)
  await expect(page.getByTestId('sync-log').locator('tbody tr[data-status]:not([data-status="error"])')).toHaveCount(0)
  await shot(page, 'sync-13-log-errors-only')
  await page.getByRole('button', { name: /Retry all errors/ }).click()
  await expect(page.getByRole('button', { name: /Retry all errors \(1\)/ })).toBeVisible({ timeout: 30_000 })
  expect((await company(page, realmId))['Invoice']!.filter(mine)).toHaveLength(0)

  // CSV: every row, a header, the error among them.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  const csv = await readFile((await download.path())!, 'utf8')
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
  expect(lines[0]).toBe('"Time (UTC)","Entity","Record","Direction","Status","Details","QuickBooks Id"')
  expect(lines.some((l) => l.includes(`"Invoice ${number}"`) && l.includes('"error"'))).toBe(true)
  expect(lines.some((l) => l.includes('"Ines Marlow"') && l.includes('"synced"'))).toBe(true)

  // Unlink and create again, asked first: a new QuickBooks invoice, green.
  await page.goBack()
  await page.getByTestId('record-sync').getByRole('button', { name: 'Unlink and create again' }).click()
  await shot(page, 'sync-14-unlink-confirm')
  await page.getByRole('dialog').getByRole('button', { name: 'Unlink and create' }).click()
  await expect(page.getByTestId('record-sync').getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', {
    timeout: 30_000,
  })
  const again = (await company(page, realmId))['Invoice']!.filter(mine)
  expect(again).toHaveLength(1)
  expect(again[0]!['Id']).not.toBe(first['Id'])

  // QuickBooks revokes the sign-in: the next send is refused, the app says Reconnect (header and card), nothing lost.
  expect((await page.request.post(admin('/tokens/revoke'), { data: { realmId } })).ok()).toBe(true)
  await openContact(page, 'Ines Marlow')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill('(555) 014-2020')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await syncNow(page)
  const banner = page.getByTestId('sync-banner')
  await expect(banner).toContainText(/reconnect/i, { timeout: 30_000 })
  await expect(pending(page)).toHaveText('1')
  await shot(page, 'sync-15-reconnect-banner')
  await banner.getByRole('link', { name: 'Reconnect' }).click()
  const card = page.getByTestId('qbo-card')
  await expect(card.getByTestId('qbo-reconnect-reason')).toBeVisible()
  await shot(page, 'sync-16-card-reconnect')
  await connectFromCard(page, 'Reconnect', ownRealm)
  await expect(banner).toBeHidden()
  await syncNow(page)
  await expect(pending(page)).toHaveText('0', { timeout: 30_000 })
  await nav(page, 'Contacts')
})
