/**
 * The sync worker killed mid-push, for real: Chromium, the production build, IndexedDB, the worker, the edge and
 * the emulator. A company of the journey's own gets the demo records through the initial sync; then, offline, new
 * contacts, items, finalized invoices and payments, edits of synced records and a void are queued. The emulator
 * holds each call of that company for two seconds (its chaos "stall"), so a push spans several seconds with a
 * write on its way most of the time. Back online the push starts, and the page is reloaded (which terminates its
 * worker) 20 times, each while a write is on its way — part of the time the emulator also applies each write and
 * drops the connection before answering. After each reload the app resumes, by itself or by Sync Now. At the end
 * the outbox is empty and QuickBooks holds every record exactly once, with the latest edits and the void.
 */
import { expect, test } from '@playwright/test'
import { admin, company, connectFromCard, nav, pending, realmOf, syncNow, tabletNumbers } from './journey-steps.ts'
import { killMidPush } from './support/crash-kills.ts'
import { chaosFor, KILLS, seeded } from './support/crash-plan.ts'
import { emptyCompany, local, type Json } from './support/crash-store.ts'
import { queueWork } from './support/crash-work.ts'
import { watchWrites } from './support/crash-writes.ts'

// Known regression, to fix first: since the change feed, the schedule and company settings landed together, the push
// does not resume after the first reload (the outbox stays full, no error). The engine-level crash test
// (web/src/sync/emulator-crash.integration.test.ts) still covers lost answers and crashes mid-push.
test.fixme('the page reloaded at 20 points mid-push: QuickBooks ends with every record once, the latest edits and the void', async ({
  page,
  context,
}) => {
  // Twenty kills, each waiting on a write the emulator holds for two seconds, after an initial sync: about a minute
  // on an idle machine. Every step waits on a condition; only the whole journey's budget must allow a busy one.
  test.setTimeout(480_000)
  const rand = seeded(20_261_203)

  // The demo records reach a company of this journey's own through the initial sync.
  await page.goto('/?demo=1#/settings')
  await expect(page.getByTestId('demo-notice')).toHaveCount(0, { timeout: 20_000 })
  await page.goto('/#/settings')
  const ownRealm = await emptyCompany(page, 'Journey Crash Plumbing')
  await tabletNumbers(page, ownRealm)
  const card = await connectFromCard(page, 'Connect', ownRealm)
  await card.getByLabel('Income account for new items').selectOption({ index: 1 })
  await card.getByLabel('Expense account for new items').selectOption({ index: 1 })
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toContainText('0 need attention', { timeout: 60_000 })
  await expect(pending(page)).toHaveText('0')
  const realmId = await realmOf(page)
  expect(realmId).toBe(ownRealm)

  // Offline (so nothing goes before the push is started), the day's work is queued through the UI.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      )
    }
  })
  await context.setOffline(true)
  const queued = await queueWork(page)
  await expect(pending(page)).toHaveText(String(queued.records))

  await page.request.put(admin(`/companies/${realmId}/chaos`), { data: chaosFor(0) })
  await nav(page, 'Settings')
  const writes = watchWrites(page)
  await context.setOffline(false)
  await syncNow(page)

  await killMidPush(page, writes, realmId, rand, queued.amyPhone.second)

  // Every kill's writes had reached QuickBooks: the emulator logs a call once it has handled it, client gone or not.
  const logged = new Set(
    (
      (await (await page.request.get(admin(`/requests?realmId=${realmId}`))).json()) as { requestId: string | null }[]
    ).map((e) => e.requestId),
  )
  for (let cycle = 0; cycle < KILLS; cycle++) {
    expect(
      writes.of(cycle).some((w) => logged.has(w.requestId)),
      `cycle ${cycle}: a write reached QuickBooks`,
    ).toBe(true)
  }

  // The emulator is well again; Sync Now until the outbox is empty.
  await page.request.delete(admin(`/companies/${realmId}/chaos`))
  // Anything still queued is listed with the error it last met, so a record stuck for good is named.
  await expect
    .poll(
      async () => {
        await syncNow(page)
        return (await local(page)).outbox.map((r) => `${r.kind} ${r.localId}: ${r.lastError?.message ?? 'waiting'}`)
      },
      { message: 'the outbox empties once QuickBooks answers normally', timeout: 30_000, intervals: [2_000] },
    )
    .toEqual([])
  await expect(pending(page)).toHaveText('0')
  const here = await local(page)

  const qbo = await company(page, realmId)
  const sorted = (xs: unknown[]) => xs.map(String).sort()
  const contacts = here.contacts.filter((c) => !c.deletedAt)
  const customers = qbo['Customer'] ?? []
  expect(sorted(customers.map((c) => c['DisplayName']))).toEqual(sorted(contacts.map((c) => c.displayName)))
  const customer = (name: string) => customers.find((c) => c['DisplayName'] === name)!
  expect((customer('Amy Chen')['PrimaryPhone'] as Json)['FreeFormNumber']).toBe(queued.amyPhone.second)
  expect((customer('Kim Lee')['PrimaryEmailAddr'] as Json)['Address']).toBe(queued.kimEmail)

  const items = qbo['Item'] ?? []
  expect(sorted(items.map((i) => i['Name']))).toEqual(sorted(here.items.filter((i) => !i.deletedAt).map((i) => i.name)))
  expect(items.find((i) => i['Name'] === 'Drain Cleaning')!['UnitPrice']).toBe(queued.drainPrice)

  const finalized = here.invoices.filter((i) => i.status !== 'draft')
  const invoices = qbo['Invoice'] ?? []
  expect(sorted(invoices.map((i) => i['DocNumber']))).toEqual(sorted(finalized.map((i) => i.number)))
  const invoice = (n: string) => invoices.find((i) => i['DocNumber'] === n)!
  expect(invoice(queued.voided)['TotalAmt']).toBe(0)
  expect(String(invoice(queued.voided)['PrivateNote'])).toMatch(/^Voided/)
  expect((invoice(queued.memo.number)['CustomerMemo'] as Json)['value']).toBe(queued.memo.text)
  // Each payment applied once: what QuickBooks shows paid on each invoice is what the tablet shows.
  for (const inv of finalized.filter((i) => i.status !== 'void')) {
    const there = invoice(inv.number!)
    expect(
      Math.round((Number(there['TotalAmt']) - Number(there['Balance'])) * 100),
      `paid on invoice ${inv.number}`,
    ).toBe(inv.total - inv.balance)
  }

  const nameOf = new Map(contacts.map((c) => [c.id, c.displayName]))
  const payments = qbo['Payment'] ?? []
  expect(
    sorted(payments.map((p) => `${(p['CustomerRef'] as Json)['name']} ${Math.round(Number(p['TotalAmt']) * 100)}`)),
  ).toEqual(sorted(here.payments.filter((p) => !p.deletedAt).map((p) => `${nameOf.get(p.contactId)} ${p.amount}`)))
})
