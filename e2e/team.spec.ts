/**
 * A company is a team, in three browsers against the whole stack: the owner connects QuickBooks and adds an office
 * PC and a crew tablet by code; each has the company's records after its first sync; the crew sees no Disconnect
 * and no settings, and the edge refuses its disconnect; the owner's deposit account reaches the office without a
 * reload; the owner removes the crew tablet, which says so and keeps what it never sent. And a second owner device
 * that connects QuickBooks itself leaves the first one connected.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { company, connectFromCard, nav, openContact, ownCompany, pending, realmOf, shot } from './journey-steps.ts'
import { killEdge, reviveEdge } from './support/offline.ts'

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  return context.newPage()
}

async function connectAndSync(page: Page, realmId: string): Promise<void> {
  const card = await connectFromCard(page, 'Connect', realmId)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
}

/** On the owner's device: Add a device for `role`; answers the code as shown. */
async function addDevice(owner: Page, role: 'Office' | 'Crew' | 'Owner', screenshot?: string): Promise<string> {
  await nav(owner, 'Settings')
  const devices = owner.getByTestId('devices-card')
  await devices.getByRole('button', { name: 'Add a device' }).click()
  if (screenshot) {
    await devices.getByRole('group', { name: 'Add a device' }).scrollIntoViewIfNeeded()
    await shot(owner, `${screenshot}-role`)
  }
  await devices.getByRole('button', { name: new RegExp(`^${role}`) }).click()
  const code = devices.getByTestId('join-code')
  await expect(code).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  await expect(devices.getByTestId('join-qr')).toBeVisible()
  await expect(devices.getByTestId('join-code-time')).toContainText(/Works once, for \d+:\d\d more/)
  if (screenshot) {
    await devices.scrollIntoViewIfNeeded()
    await shot(owner, screenshot)
  }
  const shown = (await code.textContent())!
  await devices.getByRole('button', { name: 'Done' }).click()
  return shown
}

/** On the new device: Join a company with `typed`, then its first sync. */
async function join(page: Page, typed: string, name: string, screenshot?: string): Promise<void> {
  await page.goto('/#/join')
  await page.getByLabel('Join code').fill(typed)
  await page.getByLabel('Name of this device').fill(name)
  if (screenshot) await shot(page, screenshot)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.getByTestId('first-sync-done')).toBeVisible({ timeout: 60_000 })
}

test('an owner adds an office PC and a crew tablet by code; roles, settings and removal', async ({ browser }) => {
  test.setTimeout(240_000)
  const owner = await device(browser)
  await owner.goto('/')
  const realmId = await ownCompany(owner, 'Journey Team')
  await connectAndSync(owner, realmId)
  const customers = (await company(owner, realmId))['Customer'] ?? []
  const someone = String(customers.find((c) => c['Active'] !== false)!['DisplayName'])

  // The office joins with the code as shown; the crew types it in small letters with a space.
  const officeCode = await addDevice(owner, 'Office', 'team-add-device')
  const office = await device(browser)
  await join(office, officeCode, 'Office PC', 'team-join')
  const crewCode = await addDevice(owner, 'Crew')
  const crew = await device(browser)
  await join(crew, crewCode.toLowerCase().replace('-', ' '), 'Van 2 tablet')

  // Each has the company's records after its first sync.
  for (const page of [office, crew]) {
    await openContact(page, someone)
    await expect(page.getByRole('heading', { level: 2, name: someone })).toBeVisible()
  }

  // The owner's Devices list shows all three, this one marked.
  await nav(owner, 'Settings')
  const list = owner.getByRole('list', { name: 'Devices' })
  await expect(list.getByRole('listitem')).toHaveCount(3)
  await expect(list.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1)
  await expect(list.getByRole('listitem').filter({ hasText: 'Van 2 tablet' })).toContainText('Crew')
  await expect(list.getByRole('listitem').filter({ hasText: 'Office PC' })).toContainText('Office')
  await shot(owner, 'team-devices')

  // The crew sees the connection's state, and no Disconnect, settings or devices.
  await nav(crew, 'Settings')
  const crewCard = crew.getByTestId('qbo-card')
  await expect(crewCard.getByTestId('qbo-connected')).toHaveText('Connected')
  await expect(crewCard.getByTestId('this-device')).toHaveText('This device: Van 2 tablet · Crew')
  await expect(crewCard.getByRole('button', { name: 'More QuickBooks actions' })).toHaveCount(0)
  await expect(crew.getByRole('form', { name: 'QuickBooks sync settings' })).toHaveCount(0)
  await expect(crew.getByTestId('company-settings')).toHaveCount(0)
  await expect(crew.getByTestId('devices-card')).toHaveCount(0)
  await expect(crew.getByRole('form', { name: 'Invoices and money' })).toHaveCount(0)
  await shot(crew, 'team-crew-settings')
  // Nor voids, retries or links: an invoice from QuickBooks has Void on the office PC, not on the crew tablet, and
  // the crew's sync log has no Retry all errors.
  const invoice = ((await company(owner, realmId))['Invoice'] ?? [])
    .filter((i) => i['DocNumber'] && Number(i['Balance']) > 0)
    .sort((x, y) => String(y['TxnDate']).localeCompare(String(x['TxnDate'])))[0]
  expect(invoice).toBeDefined()
  for (const [page, shown] of [
    [office, 1],
    [crew, 0],
  ] as const) {
    await nav(page, 'Invoices')
    await page.getByLabel('Search invoices').fill(String(invoice!['DocNumber']))
    await page.getByRole('list', { name: 'Invoices' }).getByText(String(invoice!['DocNumber'])).first().click()
    await expect(page.getByTestId('record-sync')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Void', exact: true })).toHaveCount(shown)
    await page.goto('/#/sync')
    await expect(page.getByRole('heading', { name: 'Sync log' })).toBeVisible()
    await expect(page.getByRole('button', { name: /Retry all errors/ })).toHaveCount(shown)
  }
  // Whatever the page shows, the edge refuses the crew's disconnect.
  const refused = await crew.evaluate(async () => {
    const res = await fetch('/auth/disconnect', { method: 'POST', credentials: 'same-origin' })
    return { status: res.status, body: (await res.json()) as { error?: { code?: string } } }
  })
  expect(refused.status).toBe(403)
  expect(refused.body.error?.code).toBe('forbidden_role')
  // Disconnect's question on the owner's device says it ends all three.
  await owner.getByTestId('qbo-card').getByRole('button', { name: 'More QuickBooks actions' }).click()
  await owner.getByRole('menuitem', { name: 'Disconnect…' }).click()
  await expect(owner.getByTestId('disconnect-reach')).toContainText('All 3 devices')
  await owner.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

  // The owner changes the deposit account; the office's open Settings shows it without a reload.
  await nav(office, 'Settings')
  const officeDeposit = office.getByTestId('company-setting-Deposit payments to')
  await expect(officeDeposit).toHaveText('Undeposited Funds (QuickBooks default)')
  const deposit = owner.getByLabel('Deposit payments to')
  const choice = (await deposit.locator('option').nth(1).textContent())!
  await deposit.selectOption({ label: choice })
  await expect(owner.getByTestId('settings-status')).toHaveText('Saved for every device of the company.')
  await expect(officeDeposit).toHaveText(choice, { timeout: 20_000 })
  // Without a connection a company setting cannot change, and the page says so and shows what is saved.
  await killEdge(owner)
  const approve = owner.getByLabel('Approve invoices and payments before they go to QuickBooks')
  await approve.click()
  await expect(owner.getByTestId('settings-status')).toContainText('Connect to change company settings')
  await expect(approve).not.toBeChecked()
  await reviveEdge(owner)

  // The crew records a contact while its connection is down, then the owner removes the tablet.
  await killEdge(crew)
  await nav(crew, 'Contacts')
  await crew.getByRole('link', { name: 'New contact' }).first().click()
  await crew.getByLabel('First name').fill('Ulla')
  await crew.getByLabel('Last name').fill('Unsent')
  await crew.getByRole('button', { name: 'Save contact' }).click()
  await expect(pending(crew)).toHaveText('1')
  await nav(owner, 'Settings')
  await list.getByRole('listitem').filter({ hasText: 'Van 2 tablet' }).getByRole('button', { name: 'Remove' }).click()
  await expect(owner.getByRole('dialog')).toContainText('"Van 2 tablet" stops syncing')
  await owner.getByRole('dialog').getByRole('button', { name: 'Remove device' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(2)

  await reviveEdge(crew)
  const removed = crew.getByTestId('device-removed')
  await expect(removed).toContainText('This device was removed from Journey Team by its owner', { timeout: 30_000 })
  await expect(removed.getByRole('button', { name: 'Download unsent records' })).toBeVisible()
  await expect(removed.getByRole('link', { name: 'Join a company' })).toBeVisible()
  // What it never sent is still there, and goes into the file.
  await nav(crew, 'Contacts')
  await crew.getByLabel('Search contacts').fill('Ulla')
  await expect(crew.getByRole('list', { name: 'Contacts' }).getByText('Ulla Unsent')).toBeVisible()
  await expect(pending(crew)).toHaveText('1')
  const [file] = await Promise.all([
    crew.waitForEvent('download'),
    removed.getByRole('button', { name: 'Download unsent records' }).click(),
  ])
  const saved = JSON.parse(await streamText(await file.createReadStream())) as {
    records: { kind: string; record: { givenName?: string } }[]
  }
  expect(saved.records.map((r) => `${r.kind} ${r.record.givenName}`)).toEqual(['contact Ulla'])
  await shot(crew, 'team-removed')
  // The edge no longer knows it.
  expect(((await (await crew.request.get('/api/session')).json()) as { connected?: boolean }).connected).not.toBe(true)

  for (const p of [owner, office, crew]) await p.context().close()
})

test('a second owner device connecting QuickBooks itself leaves the first connected', async ({ browser }) => {
  test.setTimeout(180_000)
  const first = await device(browser)
  await first.goto('/')
  const realmId = await ownCompany(first, 'Journey Team Second')
  await connectAndSync(first, realmId)
  const second = await device(browser)
  await second.goto('/')
  await connectFromCard(second, 'Connect', realmId)

  expect(await realmOf(first)).toBe(realmId)
  expect(await realmOf(second)).toBe(realmId)
  await first.reload()
  await nav(first, 'Settings')
  await expect(first.getByTestId('qbo-card').getByTestId('qbo-connected')).toHaveText('Connected')
  await expect(first.getByRole('list', { name: 'Devices' }).getByRole('listitem')).toHaveCount(2)
  for (const p of [first, second]) await p.context().close()
})

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) text += String(chunk)
  return text
}
