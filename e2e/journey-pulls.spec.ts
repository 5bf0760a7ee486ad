/**
 * What the bookkeeper does in QuickBooks reaches the tablet, in Chromium against the whole stack: a payment
 * recorded there shows in Payments and its invoice shows paid; an invoice made there with a new item arrives with
 * its item; "Clear links" and a reconnect create nothing twice. QuickBooks is driven through its API, as the
 * bookkeeper's own tools would, with a grant of its own.
 */
import { expect, test, type Page } from '@playwright/test'
import { admin, company, connectFromCard, nav, ownCompany, realmOf, shot, syncNow } from './journey-steps.ts'

type Json = Record<string, unknown>

/** The bookkeeper's writes, through the QuickBooks API with a grant of their own. */
async function bookkeeper(page: Page, realmId: string) {
  const grant = await page.request.post(admin('/tokens/connect'), { data: { realmId } })
  expect(grant.ok()).toBe(true)
  const token = ((await grant.json()) as { access_token: string }).access_token
  const api = `http://127.0.0.1:${process.env.FIELDSYNC_EMULATOR_PORT ?? '9401'}/v3/company/${realmId}`
  return async (entity: string, body: Json): Promise<Json> => {
    const res = await page.request.post(`${api}/${entity.toLowerCase()}?minorversion=75`, {
      data: body,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    })
    expect(res.ok(), await res.text()).toBe(true)
    return ((await res.json()) as Record<string, Json>)[entity]!
  }
}

async function connectAndSync(page: Page, name: string): Promise<string> {
  await page.goto('/')
  const own = await ownCompany(page, name)
  const card = await connectFromCard(page, 'Connect', own)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  return realmOf(page)
}

const customerName = (e: Record<string, Json[]>, id: string) =>
  String((e['Customer'] ?? []).find((c) => c['Id'] === id)?.['DisplayName'])

test('a payment recorded in QuickBooks shows on the tablet, and its invoice shows paid', async ({ page }) => {
  test.setTimeout(180_000)
  const realmId = await connectAndSync(page, 'Journey Pulls Payment')
  const e = await company(page, realmId)
  const active = new Set((e['Customer'] ?? []).filter((c) => c['Active'] !== false).map((c) => c['Id']))
  const open = (e['Invoice'] ?? []).find(
    (i) => Number(i['Balance']) > 0 && active.has((i['CustomerRef'] as { value: string }).value),
  )!
  const customer = (open['CustomerRef'] as { value: string }).value
  const write = await bookkeeper(page, realmId)
  await write('Payment', {
    CustomerRef: { value: customer },
    TotalAmt: open['Balance'],
    PaymentRefNum: 'CHK-7781',
    Line: [{ Amount: open['Balance'], LinkedTxn: [{ TxnId: open['Id'], TxnType: 'Invoice' }] }],
  })

  await syncNow(page)
  await nav(page, 'Payments')
  await page.getByLabel('Search payments').fill('CHK-7781')
  const row = page.getByRole('list', { name: 'Payments' }).getByRole('listitem').filter({ hasText: 'CHK-7781' })
  await expect(row).toContainText(customerName(e, customer), { timeout: 30_000 })
  await expect(row).toContainText(`#${String(open['DocNumber'])}`)
  await shot(page, 'pulls-01-payment-from-quickbooks')
  // The payment's page names the invoice it paid; that invoice now shows paid.
  await row.click()
  await page.getByRole('link', { name: `Invoice ${String(open['DocNumber'])}` }).click()
  await expect(page.getByRole('heading', { level: 2, name: `Invoice ${String(open['DocNumber'])}` })).toBeVisible()
  await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible()
  await shot(page, 'pulls-02-invoice-paid')
})

test('an invoice made in QuickBooks with a new item arrives on the tablet with its item', async ({ page }) => {
  test.setTimeout(180_000)
  const realmId = await connectAndSync(page, 'Journey Pulls Invoice')
  const e = await company(page, realmId)
  const customer = (e['Customer'] ?? []).find((c) => c['Active'] !== false && !c['Job'])!
  const income = (e['Item'] ?? []).find((i) => i['IncomeAccountRef'])!['IncomeAccountRef']
  const write = await bookkeeper(page, realmId)
  const item = await write('Item', {
    Name: 'Tankless descaling',
    Type: 'Service',
    UnitPrice: 215,
    IncomeAccountRef: income,
  })
  const invoice = await write('Invoice', {
    CustomerRef: { value: customer['Id'] },
    DocNumber: 'QB-5501',
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 215,
        SalesItemLineDetail: { ItemRef: { value: item['Id'] }, Qty: 1, UnitPrice: 215 },
      },
    ],
  })

  await syncNow(page)
  await nav(page, 'Invoices')
  const list = page.getByRole('list', { name: 'Invoices' })
  await expect(list.getByText(String(invoice['DocNumber']))).toBeVisible({ timeout: 30_000 })
  await list.getByText(String(invoice['DocNumber'])).click()
  await expect(page.getByRole('heading', { level: 2, name: `Invoice ${String(invoice['DocNumber'])}` })).toBeVisible()
  await expect(page.getByText('Tankless descaling').first()).toBeVisible()
  await expect(page.getByText(String(customer['DisplayName'])).first()).toBeVisible()
  await shot(page, 'pulls-03-invoice-from-quickbooks')
  await nav(page, 'Pricebook')
  await expect(page.getByRole('list', { name: /Pricebook|Items/ }).getByText('Tankless descaling')).toBeVisible()
})

test('"Clear links" and a reconnect create nothing twice in QuickBooks', async ({ page }) => {
  test.setTimeout(240_000)
  const realmId = await connectAndSync(page, 'Journey Pulls Relink')
  await syncNow(page)
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 })
  const counts = async () => {
    const e = await company(page, realmId)
    return Object.fromEntries(['Customer', 'Item', 'Invoice', 'Payment'].map((k) => [k, e[k]?.length ?? 0]))
  }
  const before = await counts()

  await nav(page, 'Settings')
  await page.getByRole('button', { name: 'More QuickBooks actions' }).click()
  await page.getByRole('menuitem', { name: 'Disconnect…' }).click()
  await page
    .getByRole('dialog')
    .getByRole('radio', { name: /Clear them/ })
    .check()
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click()
  await expect(page.getByTestId('qbo-message')).toContainText('links cleared')

  const card = await connectFromCard(page, 'Connect', realmId)
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await shot(page, 'pulls-04-relink-preview')
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  await syncNow(page)
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 })
  expect(await counts()).toStrictEqual(before)
})
