/**
 * Devices in step, in two browsers against the whole stack: an office PC (the owner, who connects) and a crew
 * tablet that joins by code. A contact and an invoice made offline on the tablet reach the office's screen within
 * 3 s of the tablet going online, without a tap (the live change feed); both make invoices for one customer offline
 * and every number in QuickBooks is unique (leased blocks); different fields of one customer edited on both devices
 * both survive; QuickBooks holds no duplicate.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import {
  company,
  connectFromCard,
  nav,
  newContact,
  openContact,
  ownCompany,
  pending,
  tabletNumbers,
} from './journey-steps.ts'
import { serviceWorkerInControl } from './support/offline.ts'

async function device(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  return { context, page: await context.newPage() }
}

async function connectAndSync(page: Page, realmId: string): Promise<void> {
  const card = await connectFromCard(page, 'Connect', realmId)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
}

async function addCrewDevice(owner: Page): Promise<string> {
  await nav(owner, 'Settings')
  const devices = owner.getByTestId('devices-card')
  await devices.getByRole('button', { name: 'Add a device' }).click()
  await devices.getByRole('button', { name: /^Crew/ }).click()
  const code = devices.getByTestId('join-code')
  await expect(code).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  const shown = (await code.textContent())!
  await devices.getByRole('button', { name: 'Done' }).click()
  return shown
}

async function join(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/#/join')
  await page.getByLabel('Join code').fill(code)
  await page.getByLabel('Name of this device').fill(name)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.getByTestId('first-sync-done')).toBeVisible({ timeout: 60_000 })
}

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

async function editContact(page: Page, name: string, label: string, value: string): Promise<void> {
  await openContact(page, name)
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel(label, { exact: true }).fill(value)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
}

type Json = Record<string, unknown>
const customerOf = (i: Json) => (i['CustomerRef'] as { name?: string } | undefined)?.name

test('a tablet offline and an office PC stay in step: records within seconds, unique numbers, merged fields', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const office = await device(browser)
  await office.page.goto('/')
  const realmId = await ownCompany(office.page, 'Journey In Step')
  // Both devices number invoices from their leases only when the company types its own numbers.
  await tabletNumbers(office.page, realmId)
  await connectAndSync(office.page, realmId)
  const tablet = await device(browser)
  await join(tablet.page, await addCrewDevice(office.page), 'Van 3 tablet')
  await serviceWorkerInControl(tablet.page)

  // Offline on the tablet: a contact and an invoice for it.
  await tablet.context.setOffline(true)
  await newContact(tablet.page, 'Step', 'Feedwell', 'step.feedwell@example.com')
  const tabletNumber = await finalizedInvoice(tablet.page, 'Step Feedwell')
  await expect(pending(tablet.page)).toHaveText('2')

  // The office looks at its contacts; the tablet comes back; the office sees both without a tap.
  await nav(office.page, 'Contacts')
  await office.page.getByLabel('Search contacts').fill('Step Feedwell')
  await tablet.context.setOffline(false)
  await expect(pending(tablet.page)).toHaveText('0', { timeout: 20_000 })
  const pushedAt = Date.now()
  await expect(
    office.page.getByRole('list', { name: 'Contacts' }).getByText('Step Feedwell', { exact: true }),
  ).toBeVisible({
    timeout: 3_000,
  })
  await nav(office.page, 'Invoices')
  await expect(office.page.getByRole('list', { name: 'Invoices' }).getByText(tabletNumber)).toBeVisible({
    timeout: Math.max(500, 3_000 - (Date.now() - pushedAt)),
  })

  // Both make invoices for one customer, offline; every number in QuickBooks is unique.
  await serviceWorkerInControl(office.page)
  await office.context.setOffline(true)
  await tablet.context.setOffline(true)
  const made: string[] = [tabletNumber]
  for (let i = 0; i < 3; i++) {
    made.push(await finalizedInvoice(office.page, 'Step Feedwell'))
    made.push(await finalizedInvoice(tablet.page, 'Step Feedwell'))
  }
  expect(new Set(made).size).toBe(made.length)
  await office.context.setOffline(false)
  await tablet.context.setOffline(false)
  await expect(pending(office.page)).toHaveText('0', { timeout: 30_000 })
  await expect(pending(tablet.page)).toHaveText('0', { timeout: 30_000 })

  // Different fields of one customer, edited on both devices: both survive.
  await office.context.setOffline(true)
  await tablet.context.setOffline(true)
  await editContact(office.page, 'Step Feedwell', 'Phone', '(555) 010-7001')
  await editContact(tablet.page, 'Step Feedwell', 'City', 'Riverside')
  await office.context.setOffline(false)
  await tablet.context.setOffline(false)
  await expect(pending(office.page)).toHaveText('0', { timeout: 30_000 })
  await expect(pending(tablet.page)).toHaveText('0', { timeout: 30_000 })

  await expect
    .poll(
      async () => {
        const customers = ((await company(office.page, realmId))['Customer'] ?? []).filter(
          (c) => c['DisplayName'] === 'Step Feedwell',
        )
        const c = customers[0] ?? {}
        const phone = (c['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber
        const city = (c['BillAddr'] as { City?: string } | undefined)?.City
        return { count: customers.length, phone, city }
      },
      { timeout: 30_000 },
    )
    .toEqual({ count: 1, phone: '(555) 010-7001', city: 'Riverside' })

  const invoices = ((await company(office.page, realmId))['Invoice'] ?? []).filter(
    (i) => customerOf(i) === 'Step Feedwell',
  )
  expect(invoices).toHaveLength(made.length)
  const numbers = ((await company(office.page, realmId))['Invoice'] ?? []).map((i) => String(i['DocNumber']))
  expect(new Set(numbers).size).toBe(numbers.length)

  // Each device's screen shows the other's field.
  for (const page of [office.page, tablet.page]) {
    await openContact(page, 'Step Feedwell')
    await expect(page.getByRole('link', { name: '(555) 010-7001' })).toBeVisible({ timeout: 20_000 })
    await expect(page.getByText('Riverside')).toBeVisible()
  }
})
