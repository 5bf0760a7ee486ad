/**
 * Accounts that hold: with no account chosen in the settings, the initial sync and every later push of the engine
 * use QuickBooks' usual accounts (Sales of Product Income, Cost of Goods Sold, Undeposited Funds), never the first
 * account of a type, and an item renamed after setup still reaches QuickBooks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem, recordPayment, updateItem, updateSettings } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { engineOn } from './test-support/emulator-engine.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const accountId = async (world: EmulatorWorld, name: string) => {
  const r = await world.gateway.query(`SELECT * FROM Account WHERE Name = '${name}'`)
  if (!r.ok) throw new Error(r.error.userMessage)
  return ((r.value as { Account: { Id: string }[] }).Account[0] as { Id: string }).Id
}

describe('accounts after setup', () => {
  it("books items and payments to QuickBooks' usual accounts in the initial sync and after, and a rename goes", async () => {
    const engine = engineOn(w)
    const item = unwrap(await createItem(w.db, { name: 'Drain Camera Inspection', unitPrice: 18_500 }))
    const preview = await engine.preview()
    expect(preview.ok).toBe(true)
    expect(await engine.runInitial([])).toMatchObject({ ok: true, value: { failed: 0 } })
    const income = await accountId(w, 'Sales of Product Income')
    const cogs = await accountId(w, 'Cost of Goods Sold')
    const undeposited = await accountId(w, 'Undeposited Funds')
    const created = (await w.entities('Item')).find((i) => i['Name'] === 'Drain Camera Inspection')!
    expect(created).toMatchObject({ IncomeAccountRef: { value: income }, ExpenseAccountRef: { value: cogs } })

    // After setup: a rename, a new item, and a payment, with still no account chosen.
    unwrap(await updateItem(w.db, item.id, { name: 'Drain Camera Inspection (1 hr)' }))
    const nora = unwrap(await createContact(w.db, { givenName: 'Nora', familyName: 'Quist' }))
    const valve = unwrap(await createItem(w.db, { name: 'Mixing Valve', unitPrice: 6_400, type: 'product' }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: nora.id,
          lines: [{ itemId: valve.id, name: 'Mixing Valve', qty: 1000, unitPrice: 6_400 }],
          finalize: true,
        },
      ]),
    )
    unwrap(
      await recordPayment(w.db, {
        contactId: nora.id,
        date: '2026-03-01',
        amount: 6_400,
        method: 'check',
        applications: [{ invoiceId: inv!.id, amount: 6_400 }],
      }),
    )
    const r = await engine.syncNow()
    expect(r).toMatchObject({ ok: true, value: { push: { failed: 0, synced: 5 } } })
    const items = await w.entities('Item')
    expect(items.find((i) => i.Id === created.Id)).toMatchObject({ Name: 'Drain Camera Inspection (1 hr)' })
    expect(items.find((i) => i['Name'] === 'Mixing Valve')).toMatchObject({ IncomeAccountRef: { value: income } })
    const customer = (await w.entities('Customer')).find((c) => c['DisplayName'] === 'Nora Quist')!
    const payment = (await w.entities('Payment')).find(
      (p) => (p['CustomerRef'] as { value: string }).value === customer.Id,
    )
    expect(payment).toMatchObject({ DepositToAccountRef: { value: undeposited } })
  })

  it('uses the accounts the owner chose over the usual ones', async () => {
    const engine = engineOn(w)
    await engine.preview()
    await engine.runInitial([])
    const services = await accountId(w, 'Services')
    const checking = await accountId(w, 'Checking')
    unwrap(await updateSettings(w.db, { defaultIncomeAccountId: services, depositAccountId: checking }))
    const nora = unwrap(await createContact(w.db, { givenName: 'Nora', familyName: 'Quist' }))
    const labor = unwrap(await createItem(w.db, { name: 'Weekend Labor', unitPrice: 15_000 }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: nora.id,
          lines: [{ itemId: labor.id, name: 'Weekend Labor', qty: 1000, unitPrice: 15_000 }],
          finalize: true,
        },
      ]),
    )
    unwrap(
      await recordPayment(w.db, {
        contactId: nora.id,
        date: '2026-03-01',
        amount: 15_000,
        method: 'check',
        applications: [{ invoiceId: inv!.id, amount: 15_000 }],
      }),
    )
    expect(await engine.syncNow()).toMatchObject({ ok: true, value: { push: { failed: 0 } } })
    expect((await w.entities('Item')).find((i) => i['Name'] === 'Weekend Labor')).toMatchObject({
      IncomeAccountRef: { value: services },
    })
    const customer = (await w.entities('Customer')).find((c) => c['DisplayName'] === 'Nora Quist')!
    const paid = (await w.entities('Payment')).find(
      (p) => (p['CustomerRef'] as { value: string }).value === customer.Id,
    )
    expect(paid).toMatchObject({
      DepositToAccountRef: { value: checking },
    })
  })
})
