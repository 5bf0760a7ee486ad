/**
 * Payments fixed on the tablet, in Chromium against the whole stack: a payment taken as a credit reaches
 * QuickBooks unapplied, is applied later across two invoices that QuickBooks already holds, and arrives applied
 * there; its reference is edited after it was sent; the invoice it pays says how to void it; deleted on the
 * tablet, it is gone from QuickBooks and the invoices' balances are back. Pictures of the new payment screens
 * (edit, apply, delete confirmation) go to test-results/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test'
import {
  company,
  connectFromCard,
  nav,
  newContact,
  openContact,
  ownCompany,
  pending,
  realmOf,
  shot,
  syncNow,
} from './journey-steps.ts'

type Json = Record<string, unknown>
const CUSTOMER = 'Ines Varga'
const ofCustomer = (e: Json) => (e['CustomerRef'] as { name?: string } | undefined)?.name === CUSTOMER
const links = (p: Json) =>
  ((p['Line'] as { Amount: number; LinkedTxn: { TxnId: string }[] }[] | undefined) ?? []).map((l) => [
    l.LinkedTxn[0]!.TxnId,
    l.Amount,
  ])

async function finalizedInvoice(page: Page): Promise<void> {
  await openContact(page, CUSTOMER)
  await page.getByRole('link', { name: 'New invoice' }).click()
  await page.getByRole('button', { name: 'Add from pricebook' }).click()
  await page.getByRole('list', { name: 'Pricebook items' }).getByText('Anode rod replacement').click()
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
}

async function syncedAll(page: Page): Promise<void> {
  await syncNow(page)
  await expect(pending(page)).toHaveText('0', { timeout: 30_000 })
}

async function openPayment(page: Page): Promise<void> {
  await nav(page, 'Payments')
  await page.getByLabel('Search payments').fill(CUSTOMER)
  await page.getByRole('list', { name: 'Payments' }).getByText(CUSTOMER).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Payment of / })).toBeVisible()
}

test('a payment applied after its invoices were sent arrives applied; deleted on the tablet, it is gone from QuickBooks', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/')
  const ownRealm = await ownCompany(page, 'Journey Payments Plumbing')

  // Two finalized invoices, in QuickBooks after the initial sync.
  await newContact(page, 'Ines', 'Varga', 'ines.varga@example.com')
  await nav(page, 'Pricebook')
  await page.getByRole('link', { name: 'New item' }).first().click()
  await page.getByLabel('Name').fill('Anode rod replacement')
  await page.getByLabel(/Unit price/).fill('180.00')
  await page.getByRole('button', { name: 'Save item' }).click()
  await finalizedInvoice(page)
  await finalizedInvoice(page)
  const card = await connectFromCard(page, 'Connect', ownRealm)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  await expect(pending(page)).toHaveText('0')
  const realmId = await realmOf(page)
  const sent = (await company(page, realmId))['Invoice']!.filter(ofCustomer)
  expect(sent).toHaveLength(2)
  const [first, second] = sent.sort((a, b) => Number(a['Id']) - Number(b['Id']))

  // The customer pays before anyone says for what: kept as a credit, sent unapplied.
  await nav(page, 'Payments')
  await page.getByRole('link', { name: 'Record payment' }).first().click()
  await page.getByLabel('Received from').selectOption({ label: CUSTOMER })
  await page.getByLabel(/Amount/).fill('250.00')
  await page.getByLabel('Reference').fill('CHK-310')
  for (const input of await page.getByLabel(/Apply to invoice/).all()) await input.fill('0')
  await expect(page.getByText(/\$250\.00 stays as a credit/)).toBeVisible()
  await page.getByRole('button', { name: 'Save payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Payments' })).toBeVisible()
  await syncedAll(page)
  let payments = (await company(page, realmId))['Payment']!.filter(ofCustomer)
  expect(payments).toMatchObject([{ TotalAmt: 250, UnappliedAmt: 250 }])

  // Applied later, oldest first across both invoices.
  await openPayment(page)
  await expect(page.getByText('Not applied yet')).toBeVisible()
  await shot(page, 'payments-00-credit')
  await page.getByRole('button', { name: 'Apply to invoices' }).click()
  await page.getByRole('button', { name: 'Fill oldest first' }).click()
  await expect(page.getByTestId('apply-left')).toContainText('all of it')
  await shot(page, 'payments-02-apply')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Not applied yet')).toHaveCount(0)
  await syncedAll(page)
  let books = await company(page, realmId)
  payments = books['Payment']!.filter(ofCustomer)
  expect(payments).toHaveLength(1)
  expect(payments[0]).toMatchObject({ TotalAmt: 250, UnappliedAmt: 0 })
  const firstTotal = Number(first!['TotalAmt'])
  expect(links(payments[0]!)).toEqual([
    [first!['Id'], firstTotal],
    [second!['Id'], 250 - firstTotal],
  ])
  const balances = () =>
    books['Invoice']!.filter(ofCustomer)
      .sort((a, b) => Number(a['Id']) - Number(b['Id']))
      .map((i) => [Number(i['Balance']), Number(i['TotalAmt'])])
  expect(balances()).toEqual([
    [0, firstTotal],
    [Number(second!['TotalAmt']) - (250 - firstTotal), Number(second!['TotalAmt'])],
  ])

  // Edited after it was sent: the reference changes there too.
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await page.getByLabel('Reference').fill('CHK-311')
  await shot(page, 'payments-01-edit')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('CHK-311')).toBeVisible()
  await syncedAll(page)
  expect((await company(page, realmId))['Payment']!.filter(ofCustomer)).toMatchObject([{ PaymentRefNum: 'CHK-311' }])

  // The invoice it pays cannot be voided yet, and says how.
  await nav(page, 'Invoices')
  await page.getByRole('list', { name: 'Invoices' }).getByText(String(first!['DocNumber'])).first().click()
  await expect(page.getByTestId('void-how')).toHaveText('Remove or move its payment first')
  await page.getByRole('button', { name: 'Void' }).click()
  await expect(page.getByRole('dialog')).toContainText('cannot be voided yet')
  await shot(page, 'payments-04-void-says-how')
  await page.getByRole('dialog').getByRole('button', { name: 'Open the payment' }).click()

  // Deleted on the tablet, after a question that says what happens in QuickBooks.
  await expect(page.getByRole('heading', { level: 2, name: /^Payment of / })).toBeVisible()
  await page.getByRole('button', { name: 'Delete payment' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('delete-payment-effect')).toHaveText('This deletes the payment in QuickBooks too.')
  await expect(dialog).toContainText(`up by $${firstTotal.toFixed(2)}`)
  await shot(page, 'payments-03-delete-confirm')
  await dialog.getByRole('button', { name: 'Delete payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Payments' })).toBeVisible()
  await syncedAll(page)
  books = await company(page, realmId)
  expect(books['Payment']!.filter(ofCustomer)).toEqual([])
  expect(balances()).toEqual([
    [firstTotal, firstTotal],
    [Number(second!['TotalAmt']), Number(second!['TotalAmt'])],
  ])

  // With nothing paid on it, the invoice voids as usual.
  await nav(page, 'Invoices')
  await page.getByRole('list', { name: 'Invoices' }).getByText(String(first!['DocNumber'])).first().click()
  await expect(page.getByTestId('void-how')).toHaveCount(0)
  await page.getByRole('button', { name: 'Void' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Void invoice' }).click()
  await expect(page.getByRole('button', { name: 'Void', exact: true })).toHaveCount(0)
  await expect(pending(page)).toHaveText('1')
  await syncedAll(page)
  const voided = (await company(page, realmId))['Invoice']!.find((i) => i['Id'] === first!['Id'])
  expect(voided).toMatchObject({ TotalAmt: 0 })
})
