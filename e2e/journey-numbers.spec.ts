/**
 * Issue 11's journeys of numbers, decisions and throttles, in Chromium against the whole stack: a company whose
 * invoices already run from 1001 and that takes duplicate numbers without a word, a tablet invoice 1001 made before
 * connecting → the preview says it will be renumbered → QuickBooks holds it once, after the company's highest;
 * a contact left at "Decide later" → three Sync Nows → no error rows, the record says "Waiting for your decision";
 * one 429 from QuickBooks → the edit behind it lands within 15 s, the screen saying why it waits meanwhile; and a
 * company that lets QuickBooks number its invoices → a tablet invoice → QuickBooks holds it once under its own next
 * number, and the tablet shows that number; one finalized afterwards reads "Number given by QuickBooks when sent"
 * until it is sent, then QuickBooks' number.
 */
import { expect, test, type Page } from '@playwright/test'
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

const FROM_QUICKBOOKS = 'Number given by QuickBooks when sent'

const customerOf = (i: Record<string, unknown>) => (i['CustomerRef'] as { name?: string } | undefined)?.name

test('numbers that fit the company, "Decide later" that holds, and a 429 that costs seconds', async ({ page }) => {
  test.setTimeout(240_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Journey Numbers Heating')
  // The worst case: the company types its own numbers and QuickBooks would keep a second "1001" without a word.
  const numbering = await page.request.put(admin(`/companies/${realmId}/numbering`), {
    data: { customTxnNumbers: true, warnDuplicateDocNumber: false },
  })
  expect(numbering.ok()).toBe(true)
  const before = (await company(page, realmId))['Invoice']!.map((i) => Number(i['DocNumber'])).filter(Number.isFinite)
  const highest = Math.max(...before)
  expect(before).toContain(1001)

  await nav(page, 'Pricebook')
  await page.getByRole('link', { name: 'New item' }).first().click()
  await page.getByLabel('Name').fill('Boiler tune-up')
  await page.getByLabel(/Unit price/).fill('180.00')
  await page.getByRole('button', { name: 'Save item' }).click()
  await expect(page.getByRole('list', { name: 'Items' }).getByText('Boiler tune-up')).toBeVisible()
  await newContact(page, 'Nora', 'Quill', 'nora.quill@example.com')
  expect(await finalizedInvoice(page, 'Nora Quill')).toBe('1001')
  // Same name as a QuickBooks customer, another email: asked, and left for later.
  await newContact(page, 'Amy', 'Chen', 'amy.chen.tablet@example.com')

  await connectFromCard(page, 'Connect', realmId)
  await page
    .getByTestId('qbo-card')
    .getByRole('link', { name: /Initial sync/ })
    .click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('preview-renumber')).toHaveText(
    `1 invoice will be renumbered ${highest + 1}: QuickBooks already has its number.`,
  )
  await expect(page.getByText(/Amy Chen — same name, different email/)).toBeVisible()
  await shot(page, 'numbers-01-preview-renumber')
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })

  // QuickBooks holds the tablet's invoice once, under the next free number; its own 1001 is still the only one.
  await expect
    .poll(
      async () =>
        (await company(page, realmId))
          ['Invoice']!.filter((i) => customerOf(i) === 'Nora Quill')
          .map((i) => i['DocNumber']),
      { timeout: 30_000 },
    )
    .toStrictEqual([String(highest + 1)])
  expect((await company(page, realmId))['Invoice']!.filter((i) => i['DocNumber'] === '1001')).toHaveLength(1)

  // "Decide later" holds through three Sync Nows: nothing sent for Amy, no error rows, the record says why.
  const amys = async () => (await company(page, realmId))['Customer']!.filter((c) => c['DisplayName'] === 'Amy Chen')
  const amysBefore = (await amys()).length
  for (let i = 0; i < 3; i++) {
    await syncNow(page)
    await expect(page.getByRole('button', { name: /Sync Now/ })).toBeEnabled({ timeout: 30_000 })
  }
  expect((await amys()).length).toBe(amysBefore)
  await page.goto('/#/sync')
  await page.getByLabel('Filter by status').selectOption('error')
  await expect(page.getByTestId('sync-log').locator('tbody tr[data-status="error"]')).toHaveCount(0)
  await openContact(page, 'Amy Chen')
  const panel = page.getByTestId('record-sync')
  await expect(panel.getByTestId('sync-state')).toHaveAttribute('data-state', 'waiting')
  await expect(panel.getByTestId('record-sync-words')).toHaveText('Waiting for your decision')
  await expect(panel.getByRole('button', { name: 'Link to “Amy Chen”' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Create a new one in QuickBooks' })).toBeVisible()
  await shot(page, 'numbers-02-waiting-for-decision')
  await nav(page, 'Contacts')
  await expect(
    page
      .getByRole('list', { name: 'Contacts' })
      .getByRole('listitem')
      .filter({ hasText: 'Amy Chen' })
      .first()
      .getByTestId('sync-state'),
  ).toHaveAttribute('data-state', 'waiting')

  // One 429 from QuickBooks (no Retry-After): the edit behind it lands within 15 s.
  expect(
    (
      await page.request.put(admin(`/companies/${realmId}/chaos`), { data: { probability: 1, kinds: ['throttle429'] } })
    ).ok(),
  ).toBe(true)
  await openContact(page, 'Nora Quill')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill('(555) 014-3030')
  await page.getByRole('button', { name: 'Save changes' }).click()
  const edited = Date.now()
  await syncNow(page)
  await expect(page.getByTestId('record-sync-words')).toContainText(
    'QuickBooks asked us to slow down — trying again in',
    { timeout: 15_000 },
  )
  await shot(page, 'numbers-03-slow-down')
  expect((await page.request.delete(admin(`/companies/${realmId}/chaos`))).ok()).toBe(true)
  await expect
    .poll(
      async () =>
        (await company(page, realmId))['Customer']!.find((c) => c['DisplayName'] === 'Nora Quill')?.['PrimaryPhone'],
      { timeout: 15_000 },
    )
    .toMatchObject({ FreeFormNumber: '(555) 014-3030' })
  expect(Date.now() - edited).toBeLessThan(15_000)
  await expect(page.getByTestId('record-sync').getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', {
    timeout: 15_000,
  })
  // Only Amy waits, for the user's answer.
  await expect(pending(page)).toHaveText('1')
})

test("a company that lets QuickBooks number invoices: QuickBooks' next number, once, shown on the tablet", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Journey QuickBooks Numbers')
  const numbering = await page.request.put(admin(`/companies/${realmId}/numbering`), {
    data: { customTxnNumbers: false },
  })
  expect(numbering.ok()).toBe(true)
  const before = (await company(page, realmId))['Invoice']!.map((i) => Number(i['DocNumber'])).filter(Number.isFinite)
  const next = String(Math.max(...before) + 1)
  expect(before).toContain(1001)

  await nav(page, 'Pricebook')
  await page.getByRole('link', { name: 'New item' }).first().click()
  await page.getByLabel('Name').fill('Drain camera inspection')
  await page.getByLabel(/Unit price/).fill('240.00')
  await page.getByRole('button', { name: 'Save item' }).click()
  await expect(page.getByRole('list', { name: 'Items' }).getByText('Drain camera inspection')).toBeVisible()
  await newContact(page, 'Odile', 'Marsh', 'odile.marsh@example.com')
  await finalizedInvoice(page, 'Odile Marsh')

  await connectFromCard(page, 'Connect', realmId)
  await page
    .getByTestId('qbo-card')
    .getByRole('link', { name: /Initial sync/ })
    .click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  // QuickBooks numbers the company's invoices: nothing is renumbered, since no number is sent.
  await expect(page.getByTestId('preview-renumber')).toHaveCount(0)
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })

  // QuickBooks holds it once, under the number it gave; its own 1001 is still the only one.
  await expect
    .poll(
      async () =>
        (await company(page, realmId))
          ['Invoice']!.filter((i) => customerOf(i) === 'Odile Marsh')
          .map((i) => i['DocNumber']),
      { timeout: 30_000 },
    )
    .toStrictEqual([next])
  expect((await company(page, realmId))['Invoice']!.filter((i) => i['DocNumber'] === '1001')).toHaveLength(1)

  // The tablet shows QuickBooks' number.
  await nav(page, 'Invoices')
  await expect(page.getByRole('main').getByText(next, { exact: true }).first()).toBeVisible({ timeout: 15_000 })
  await page.getByRole('main').getByText(next, { exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: `Invoice ${next}` })).toBeVisible()
  await shot(page, 'numbers-04-quickbooks-number')

  // The tablet now knows who numbers the invoices: one finalized here (offline, so it waits) takes no number and
  // says where its number will come from.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await context.setOffline(true)
  await openContact(page, 'Odile Marsh')
  await page.getByRole('link', { name: 'New invoice' }).click()
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByRole('list', { name: 'Pricebook items' }).getByRole('listitem').first().click()
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Invoice', exact: true })).toBeVisible()
  await expect(page.getByTestId('invoice-number-pending')).toHaveText(FROM_QUICKBOOKS)
  await expect(page.getByLabel('Invoice number')).toHaveCount(0)
  await nav(page, 'Invoices')
  const waiting = page.getByRole('list', { name: 'Invoices' }).getByText(FROM_QUICKBOOKS, { exact: true })
  await expect(waiting).toHaveCount(1)
  await shot(page, 'numbers-05-number-from-quickbooks')

  // Sent: QuickBooks gives its next number, and the tablet shows it.
  const second = String(Number(next) + 1)
  await context.setOffline(false)
  await syncNow(page)
  await expect(page.getByRole('list', { name: 'Invoices' }).getByText(second, { exact: true })).toBeVisible({
    timeout: 30_000,
  })
  await expect(waiting).toHaveCount(0)
  await page.getByRole('list', { name: 'Invoices' }).getByText(second, { exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: `Invoice ${second}` })).toBeVisible()
  await expect(page.getByTestId('invoice-number-pending')).toHaveCount(0)
  expect(
    (await company(page, realmId))
      ['Invoice']!.filter((i) => customerOf(i) === 'Odile Marsh')
      .map((i) => i['DocNumber']),
  ).toStrictEqual([next, second])
  await shot(page, 'numbers-06-quickbooks-second-number')
})
