/**
 * What the bookkeeper does in QuickBooks reaches this device, kind by kind and change by change, against the
 * emulator: each test starts after the initial sync, changes QuickBooks, pulls, and reads the device's database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import { recordPayment } from '../db/payments.ts'
import { unwrap } from '../db/test-db.ts'
import { startPullWorld, type PullWorld } from './pull-world.ts'

let w: PullWorld
beforeEach(async () => {
  w = await startPullWorld()
  await w.initialSync()
})
afterEach(async () => {
  await w.close()
})

const linkOf = async (kind: Mapping['kind'], qboId: string) =>
  (await w.db.mappings.toArray()).find((m) => m.kind === kind && m.qboId === qboId && m.status !== 'unlinked')
const local = async <T>(
  table: 'contacts' | 'items' | 'invoices' | 'payments' | 'jobs',
  kind: Mapping['kind'],
  qboId: string,
) => {
  const m = await linkOf(kind, qboId)
  return m ? ((await w.db.table(table).get(m.localId)) as T | undefined) : undefined
}
const pulled = async () => {
  const r = await w.pull()
  if (!r.ok) throw new Error(r.error.userMessage)
  return r.value
}
const anyCustomer = async () => (await w.entities('Customer')).find((c) => c['Active'] !== false && c['Job'] !== true)!
const anyItem = async () => (await w.entities('Item')).find((i) => i['Active'] !== false && i['Type'] === 'Service')!

describe('customers and jobs', () => {
  it('a customer created, renamed and made inactive there follows here', async () => {
    const c = await w.write('Customer', 'create', {
      DisplayName: 'Nadia Okafor',
      PrimaryEmailAddr: { Address: 'nadia@example.com' },
    })
    await pulled()
    expect(await local('contacts', 'contact', c.Id!)).toMatchObject({
      displayName: 'Nadia Okafor',
      email: 'nadia@example.com',
    })
    await w.edit('Customer', c.Id!, { DisplayName: 'Nadia Okafor-Reyes' })
    await pulled()
    expect(await local('contacts', 'contact', c.Id!)).toMatchObject({ displayName: 'Nadia Okafor-Reyes' })
    await w.remove('Customer', c.Id!)
    await pulled()
    expect(await local('contacts', 'contact', c.Id!)).toMatchObject({ active: false })
  })

  it('a sub-customer arrives as a job of its parent’s contact, and closes when made inactive', async () => {
    const parent = await anyCustomer()
    const job = await w.write('Customer', 'create', {
      DisplayName: 'Kitchen remodel',
      Job: true,
      ParentRef: { value: parent.Id },
      BillWithParent: true,
    })
    await pulled()
    const contact = await linkOf('contact', parent.Id!)
    expect(await local('jobs', 'job', job.Id!)).toMatchObject({
      name: 'Kitchen remodel',
      contactId: contact!.localId,
      status: 'open',
    })
    await w.remove('Customer', job.Id!)
    await pulled()
    expect(await local('jobs', 'job', job.Id!)).toMatchObject({ status: 'cancelled' })
  })
})

describe('items', () => {
  it('an item created, repriced and made inactive there follows here', async () => {
    const income = (await anyItem())['IncomeAccountRef']
    const i = await w.write('Item', 'create', {
      Name: 'Water heater flush',
      Type: 'Service',
      UnitPrice: 145,
      IncomeAccountRef: income,
    })
    await pulled()
    expect(await local('items', 'item', i.Id!)).toMatchObject({ name: 'Water heater flush', unitPrice: 14_500 })
    await w.edit('Item', i.Id!, { UnitPrice: 160 })
    await pulled()
    expect(await local('items', 'item', i.Id!)).toMatchObject({ unitPrice: 16_000 })
    await w.remove('Item', i.Id!)
    await pulled()
    expect(await local('items', 'item', i.Id!)).toMatchObject({ active: false })
  })
})

describe('invoices', () => {
  async function newInvoice(amount = 200) {
    const c = await anyCustomer()
    const income = (await anyItem())['IncomeAccountRef']
    const item = await w.write('Item', 'create', {
      Name: `Gasket ${Date.now()}`,
      Type: 'Service',
      UnitPrice: amount,
      IncomeAccountRef: income,
    })
    const inv = await w.write('Invoice', 'create', {
      CustomerRef: { value: c.Id },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: amount,
          SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount },
        },
      ],
    })
    return { c, item, inv }
  }

  it('an invoice made there arrives with its lines and its new item, then follows edits, a void and a delete', async () => {
    const { c, item, inv } = await newInvoice()
    await pulled()
    const here = await local<{ contactId: string; number?: string; total: number; lines: { itemId?: string }[] }>(
      'invoices',
      'invoice',
      inv.Id!,
    )
    const itemHere = await linkOf('item', item.Id!)
    expect(itemHere).toBeDefined()
    expect(here).toMatchObject({
      contactId: (await linkOf('contact', c.Id!))!.localId,
      total: 20_000,
      number: inv['DocNumber'],
    })
    expect(here!.lines.map((l) => l.itemId)).toStrictEqual([itemHere!.localId])

    await w.edit('Invoice', inv.Id!, { DueDate: '2031-01-31' })
    await pulled()
    expect(await local('invoices', 'invoice', inv.Id!)).toMatchObject({ dueDate: '2031-01-31' })

    const fresh = (await w.entities('Invoice')).find((x) => x.Id === inv.Id)!
    await w.write('Invoice', 'void', { Id: inv.Id, SyncToken: fresh.SyncToken })
    await pulled()
    expect(await local('invoices', 'invoice', inv.Id!)).toMatchObject({ status: 'void', balance: 0 })

    const other = await newInvoice(90)
    await pulled()
    const m = await linkOf('invoice', other.inv.Id!)
    await w.remove('Invoice', other.inv.Id!)
    await pulled()
    expect((await w.db.invoices.get(m!.localId))?.deletedAt).toBeDefined()
    expect((await w.db.mappings.get(['invoice', m!.localId]))?.status).toBe('unlinked')
  })
})

describe('payments', () => {
  async function openInvoice() {
    const c = await anyCustomer()
    const item = await anyItem()
    const inv = await w.write('Invoice', 'create', {
      CustomerRef: { value: c.Id },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 300,
          SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 300 },
        },
      ],
    })
    await pulled()
    return { c, inv }
  }
  const pay = (c: { Id?: string }, invId: string, amount: number) =>
    w.write('Payment', 'create', {
      CustomerRef: { value: c.Id },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invId, TxnType: 'Invoice' }] }],
    })

  it('a payment recorded there arrives applied, and its invoice shows paid; edits, voids and deletes follow', async () => {
    const { c, inv } = await openInvoice()
    const p = await pay(c, inv.Id!, 300)
    await pulled()
    const invHere = await linkOf('invoice', inv.Id!)
    expect(await local('payments', 'payment', p.Id!)).toMatchObject({
      amount: 30_000,
      applications: [{ invoiceId: invHere!.localId, amount: 30_000 }],
    })
    expect(await w.db.invoices.get(invHere!.localId)).toMatchObject({ balance: 0 })

    const fresh = (await w.entities('Payment')).find((x) => x.Id === p.Id)!
    await w.write('Payment', 'update', {
      Id: p.Id,
      SyncToken: fresh.SyncToken,
      sparse: true,
      TotalAmt: 120,
      Line: [{ Amount: 120, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    })
    await pulled()
    expect(await local('payments', 'payment', p.Id!)).toMatchObject({ amount: 12_000 })
    expect(await w.db.invoices.get(invHere!.localId)).toMatchObject({ balance: 18_000 })

    const again = (await w.entities('Payment')).find((x) => x.Id === p.Id)!
    await w.write('Payment', 'void', { Id: p.Id, SyncToken: again.SyncToken, sparse: true })
    await pulled()
    expect(await local('payments', 'payment', p.Id!)).toMatchObject({ applications: [] })
    expect((await local<{ voidedAt?: string }>('payments', 'payment', p.Id!))?.voidedAt).toBeDefined()
    expect(await w.db.invoices.get(invHere!.localId)).toMatchObject({ balance: 30_000 })

    const p2 = await pay(c, inv.Id!, 50)
    await pulled()
    const m = await linkOf('payment', p2.Id!)
    await w.remove('Payment', p2.Id!)
    await pulled()
    expect((await w.db.payments.get(m!.localId))?.deletedAt).toBeDefined()
    expect(await w.db.invoices.get(invHere!.localId)).toMatchObject({ balance: 30_000 })
  })

  it('keeps the tablet’s unsent payment off the balance QuickBooks reports', async () => {
    const { c, inv } = await openInvoice()
    const invHere = (await linkOf('invoice', inv.Id!))!
    const contact = (await linkOf('contact', c.Id!))!
    // Taken here, not sent yet: 100.00 is on its way.
    unwrap(
      await recordPayment(w.db, {
        contactId: contact.localId,
        date: '2026-03-02',
        amount: 10_000,
        applications: [{ invoiceId: invHere.localId, amount: 10_000 }],
      }),
    )
    await pay(c, inv.Id!, 50)
    await pulled()
    // QuickBooks says 250.00 is owed; 100.00 of it is already paid here.
    expect(await w.db.invoices.get(invHere.localId)).toMatchObject({ balance: 15_000 })
  })
})
