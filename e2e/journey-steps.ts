/** Steps the sync journeys share: the emulator's admin API, connecting through the popup, a record's QuickBooks state. */
import { expect, type Locator, type Page } from '@playwright/test'

export const admin = (path: string) =>
  `http://127.0.0.1:${process.env.FIELDSYNC_EMULATOR_PORT ?? '9401'}/__admin${path}`
export const shotDir = 'test-results/screenshots'
export const shot = (page: Page, name: string) => page.screenshot({ path: `${shotDir}/${name}.png` })
export const nav = (page: Page, section: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click()
export const pending = (page: Page) => page.getByTestId('pending-count')

type Json = Record<string, unknown>

/** The company as the emulator holds it: every entity's records by name ("Customer", "Invoice"…). */
export async function company(page: Page, realmId: string): Promise<Record<string, Json[]>> {
  const res = await page.request.get(admin(`/companies/${realmId}`))
  expect(res.ok()).toBe(true)
  return ((await res.json()) as { entities: Record<string, Json[]> }).entities
}

export async function realmOf(page: Page): Promise<string> {
  const s = (await (await page.request.get('/api/session')).json()) as { connected: boolean; realmId?: string }
  expect(s.connected).toBe(true)
  return s.realmId!
}

/** Connect (or Reconnect) from the Settings card through the emulator's consent popup. */
export async function connectFromCard(
  page: Page,
  button: 'Connect' | 'Reconnect' = 'Connect',
  realmId?: string,
): Promise<Locator> {
  await nav(page, 'Settings')
  const card = page.getByTestId('qbo-card')
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    card.getByRole('button', { name: button, exact: true }).click(),
  ])
  await (realmId ? popup.locator(`input[type=radio][value="${realmId}"]`) : popup.getByRole('radio').first()).check()
  await popup.getByRole('button', { name: 'Connect' }).click()
  await expect(card.getByTestId('qbo-connected')).toHaveText('Connected', { timeout: 15_000 })
  return card
}

/** The QuickBooks state icon of the list row that shows `text`. */
export function rowState(page: Page, list: string, text: string): Locator {
  return page
    .getByRole('list', { name: list })
    .getByRole('listitem')
    .filter({ hasText: text })
    .getByTestId('sync-state')
}

export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Sync Now/ }).click()
}

export async function newContact(page: Page, first: string, last: string, email: string): Promise<void> {
  await nav(page, 'Contacts')
  await page.getByRole('link', { name: 'New contact' }).first().click()
  await page.getByLabel('First name').fill(first)
  await page.getByLabel('Last name').fill(last)
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Save contact' }).click()
  await expect(page.getByRole('heading', { level: 2, name: `${first} ${last}` })).toBeVisible()
}

/** Opens a contact through the search box (lists are virtualized: a row far down is not in the page). */
export async function openContact(page: Page, name: string): Promise<void> {
  await nav(page, 'Contacts')
  await page.getByLabel('Search contacts').fill(name)
  await page.getByRole('list', { name: 'Contacts' }).getByText(name, { exact: true }).click()
}

/**
 * The company types its own invoice numbers (QuickBooks' "Custom transaction numbers" on), so the tablet numbers
 * invoices as it finalizes them. Journeys about something else use it to read an invoice's number at once.
 */
export async function tabletNumbers(page: Page, realmId: string): Promise<void> {
  const res = await page.request.put(admin(`/companies/${realmId}/numbering`), { data: { customTxnNumbers: true } })
  expect(res.ok()).toBe(true)
}

/**
 * A company of the journey's own, copied from the sandbox one: journeys that disconnect, reconnect or revoke
 * would otherwise end the sessions of other specs running at the same time against the same company.
 */
export async function ownCompany(page: Page, name: string): Promise<string> {
  const list = (await (await page.request.get(admin('/companies'))).json()) as {
    realmId: string
    companyName: string
  }[]
  const source = list.find((c) => !c.companyName.startsWith('Journey'))!.realmId
  const snap = (await (await page.request.get(admin(`/companies/${source}`))).json()) as { companyInfo: Json } & Json
  const realmId = `93${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`
  const res = await page.request.post(admin(`/companies/${realmId}/seed`), {
    data: { ...snap, realmId, companyInfo: { ...snap.companyInfo, CompanyName: name } },
  })
  expect(res.ok()).toBe(true)
  return realmId
}
