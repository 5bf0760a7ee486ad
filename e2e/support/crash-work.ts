/**
 * The offline work the crash journey queues through the UI, and the edits made while a push is on its way.
 * @module
 */
import { expect, type Page } from '@playwright/test'
import { nav, newContact, openContact } from '../journey-steps.ts'

/**
 * Offline work on top of the synced demo records: edits of two contacts, an item and an invoice, a void, three new
 * contacts and two new items, invoices for them and for three demo drafts (finalized), and payments on new and synced
 * invoices. Returns how many records are queued and the values QuickBooks must end with.
 */
export async function queueWork(page: Page) {
  const amyPhone = { first: '(916) 555-7001', second: '(916) 555-7002' }
  const kimEmail = 'kim.lee@lee-household.example'
  await openContact(page, 'Amy Chen')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill(amyPhone.first)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: amyPhone.first })).toBeVisible()
  await openContact(page, 'Kim Lee')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Email').fill(kimEmail)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: kimEmail })).toBeVisible()

  await nav(page, 'Pricebook')
  await page.getByLabel('Search items').fill('Drain Cleaning')
  await page.getByRole('list', { name: 'Items' }).getByText('Drain Cleaning').click()
  await page.getByLabel(/Unit price/).fill('260.00')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Pricebook' })).toBeVisible()

  // Two synced unpaid invoices: one gets a memo, the other is voided.
  const unpaid = async (): Promise<string> => {
    await nav(page, 'Invoices')
    await page.getByRole('button', { name: 'Unpaid' }).click()
    await page.getByRole('list', { name: 'Invoices' }).getByRole('link').first().click()
    await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
    return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
  }
  const memo = { number: await unpaid(), text: 'Customer asked for the invoice by post' }
  await page.getByLabel('Memo').fill(memo.text)
  await page.getByLabel('Memo').blur()
  await expect(page.getByTestId('record-sync-words')).toHaveText('Queued: will send when online.')
  const voided = await unpaidOtherThan(page, memo.number)
  await page.getByRole('button', { name: 'Void' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Void invoice' }).click()
  await expect(page.getByRole('button', { name: 'Void' })).toHaveCount(0)
  // A payment on a third synced invoice (the list is newest first, so before any new invoice exists).
  await unpaidOtherThan(page, memo.number)
  await payInFull(page)

  // New contacts and items, each billed on a finalized invoice; two of those paid.
  const people = [
    ['Ines', 'Crashaw'],
    ['Oskar', 'Restart'],
    ['Priya', 'Reload'],
  ] as const
  for (const [first, last] of people)
    await newContact(page, first, last, `${first.toLowerCase()}.${last.toLowerCase()}@example.com`)
  for (const [name, price] of [
    ['Crash valve kit', '42.50'],
    ['Reload fitting', '7.25'],
  ] as const) {
    await nav(page, 'Pricebook')
    await page.getByRole('link', { name: 'New item' }).first().click()
    await page.getByLabel('Name').fill(name)
    await page.getByLabel(/Unit price/).fill(price)
    await page.getByRole('button', { name: 'Save item' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Pricebook' })).toBeVisible()
  }
  const billed = [
    ['Ines Crashaw', 'Crash valve kit'],
    ['Oskar Restart', 'Reload fitting'],
  ] as const
  for (const [who, what] of billed) {
    await openContact(page, who)
    await page.getByRole('link', { name: 'New invoice' }).click()
    await page.getByRole('button', { name: 'Add from pricebook' }).click()
    await page.getByLabel('Search the pricebook').fill(what)
    await page.getByRole('list', { name: 'Pricebook items' }).getByText(what).click()
    await finalizeHere(page)
    await payInFull(page)
  }

  // Three of the demo's drafts are finalized now; one of them is paid.
  for (let i = 0; i < 3; i++) {
    await nav(page, 'Invoices')
    await page.getByRole('button', { name: 'Drafts' }).click()
    await page.getByRole('list', { name: 'Invoices' }).getByRole('link').first().click()
    await finalizeHere(page)
    if (i === 0) await payInFull(page)
  }

  // 2 contact edits, 1 item edit, 1 memo, 1 void, 3 contacts, 2 items, 5 invoices, 4 payments.
  return { records: 19, amyPhone, kimEmail, drainPrice: 260, memo, voided }
}

/** Amy Chen's phone, edited again while the batch carrying her first edit is on its way. */
export async function editAmyAgain(page: Page, phone: string): Promise<void> {
  await openContact(page, 'Amy Chen')
  await page.getByRole('link', { name: 'Edit' }).click()
  // Bounded, so a form that never opens fails here rather than at the test's end.
  await page.getByLabel('Phone').fill(phone, { timeout: 10_000 })
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: phone })).toBeVisible()
  await nav(page, 'Settings')
}

async function unpaidOtherThan(page: Page, number: string): Promise<string> {
  await nav(page, 'Invoices')
  await page.getByRole('button', { name: 'Unpaid' }).click()
  await page.getByRole('list', { name: 'Invoices' }).getByRole('link').filter({ hasNotText: number }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
  return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
}

async function finalizeHere(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
}

async function payInFull(page: Page): Promise<void> {
  const title = (await page.getByRole('heading', { level: 2 }).textContent()) ?? ''
  await page.getByRole('link', { name: 'Record payment' }).click()
  await expect(page.getByLabel(/Amount/)).not.toHaveValue('')
  await page.getByRole('button', { name: 'Save payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await expect(page.getByTestId('invoice-balance')).toHaveText('$0.00')
}
