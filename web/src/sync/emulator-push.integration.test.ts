/** Pushes against the emulator: creates, updates, voids, refusals, and answers lost after the write. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createContact,
  createInvoices,
  createItem,
  deletePayment,
  recordPayment,
  updateContact,
  updateItem,
  updatePaymentDetails,
  voidInvoice,
} from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { linkExisting } from './link-existing.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const names = (xs: Record<string, unknown>[], field: string) => xs.map((x) => String(x[field])).sort()

describe('pushes against the emulator', () => {
  it('creates, updates and voids contacts, items and invoices, and deletes payments', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Nora', familyName: 'Quist', email: 'nora@example.com' }))
    const item = unwrap(await createItem(w.db, { name: 'Backflow Test', unitPrice: 9_500 }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: c.id,
          lines: [{ itemId: item.id, name: 'Backflow Test', qty: 1000, unitPrice: 9_500 }],
          finalize: true,
        },
      ]),
    )
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 5_000,
        method: 'check',
        applications: [{ invoiceId: inv!.id, amount: 5_000 }],
      }),
    )
    const accounts = { income: '1', deposit: '5' }
    const first = await push(w.deps({ accounts }))
    expect(first.summary).toMatchObject({ synced: 4, failed: 0 })

    unwrap(await updateContact(w.db, c.id, { phone: '(916) 555-0199' }))
    unwrap(await updateItem(w.db, item.id, { unitPrice: 9_900 }))
    const second = await push(w.deps({ accounts }))
    expect(second.summary).toMatchObject({ synced: 2, failed: 0 })
    unwrap(await deletePayment(w.db, pay.id))
    unwrap(await voidInvoice(w.db, inv!.id))
    const third = await push(w.deps({ accounts }))
    expect(third.summary).toMatchObject({ synced: 2, failed: 0 })

    const qc = (await w.entities('Customer')).find((x) => x['DisplayName'] === 'Nora Quist')!
    expect(qc).toMatchObject({ PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
    expect((await w.entities('Item')).find((x) => x['Name'] === 'Backflow Test')).toMatchObject({ UnitPrice: 99 })
    const qi = (await w.entities('Invoice')).find((x) => (x['CustomerRef'] as { value: string }).value === qc.Id)!
    expect(qi['TotalAmt']).toBe(0)
    // A payment deleted here is deleted there, not voided: QuickBooks keeps no trace of it.
    const payments = (await w.entities('Payment')).filter(
      (p) => (p['CustomerRef'] as { value: string }).value === qc.Id,
    )
    expect(payments).toEqual([])
    expect(await w.db.outbox.count()).toBe(0)
  })

  it('shows a duplicate name as a red row naming the clashing record (inactive ones too), and keeps it queued', async () => {
    unwrap(await createContact(w.db, { givenName: 'Amy', familyName: 'Chen' }))
    unwrap(await createContact(w.db, { givenName: 'Tom', familyName: 'Nguyen' }))
    const { summary } = await push(w.deps())
    expect(summary.failed).toBe(2)
    expect((await w.db.outbox.toArray()).map((r) => r.lastError?.code)).toEqual(['6240', '6240'])
    const rows = (await w.db.syncLog.toArray())
      .filter((l) => l.status === 'error')
      .map((l) => [l.label, l.qboId, l.details])
      .sort()
    expect(rows).toEqual([
      [
        'Amy Chen',
        '1',
        'QuickBooks already has a customer named "Amy Chen" (Id 1). Rename this contact, or link it to that customer. Field: DisplayName.',
      ],
      [
        'Tom Nguyen',
        '10',
        'QuickBooks already has an inactive customer named "Tom Nguyen" (Id 10). Rename this contact, or link it to that customer, which makes it active again. Field: DisplayName.',
      ],
    ])

    // The user picks "link" on Tom's row: the contact adopts customer 10, which becomes active again.
    const tom = (await w.db.contacts.toArray()).find((c) => c.displayName === 'Tom Nguyen')!
    expect(await linkExisting(w.deps(), { kind: 'contact', localId: tom.id, qboId: '10' })).toEqual({
      ok: true,
      value: { qboId: '10', reactivated: true },
    })
    expect((await w.entities('Customer')).find((c) => c.Id === '10')).toMatchObject({
      DisplayName: 'Tom Nguyen',
      Active: true,
    })
    expect((await w.db.mappings.toArray()).find((m) => m.localId === tom.id)).toMatchObject({
      qboId: '10',
      status: 'synced',
    })
    expect((await w.db.outbox.toArray()).map((r) => r.localId)).not.toContain(tom.id)
    // Linking twice is refused; the next push sends nothing for Tom and still stops on Amy's name.
    expect(await linkExisting(w.deps(), { kind: 'contact', localId: tom.id, qboId: '10' })).toMatchObject({
      ok: false,
      error: { code: 'already-linked' },
    })
    expect((await push(w.deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    expect((await w.entities('Customer')).filter((c) => c['DisplayName'] === 'Tom Nguyen')).toHaveLength(1)
  })

  it('ends with one record, not two, when the emulator drops the answer after committing each write', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 3, kinds: ['dropAfterWrite'] })
    for (const n of ['Olive', 'Pete', 'Quinn']) unwrap(await createContact(w.db, { givenName: n, familyName: 'Drop' }))
    const first = await push(w.deps({ maxAttempts: 2 }))
    expect(first.summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    w.clock.advance(3600_000)
    const second = await push(w.deps())
    expect(second.summary.synced).toBe(3)
    const drops = (await w.entities('Customer')).filter((x) => String(x['DisplayName']).endsWith(' Drop'))
    expect(names(drops, 'DisplayName')).toEqual(['Olive Drop', 'Pete Drop', 'Quinn Drop'])
  })
  it('keeps edits made while the creates were unanswered: QuickBooks replays the first answer, then takes the edits', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 5, kinds: ['dropAfterWrite'] })
    const c = unwrap(await createContact(w.db, { givenName: 'Rita', familyName: 'Lost', phone: '(916) 555-0101' }))
    const item = unwrap(await createItem(w.db, { name: 'Lost Edit Valve', unitPrice: 4_000 }))
    const accounts = { income: '1' }
    expect((await push(w.deps({ maxAttempts: 1, accounts }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    unwrap(await updateContact(w.db, c.id, { phone: '(916) 555-0199' }))
    unwrap(await updateItem(w.db, item.id, { unitPrice: 4_500 }))
    for (let i = 0; i < 3 && (await w.db.outbox.count()) > 0; i++) {
      w.clock.advance(3600_000)
      await push(w.deps({ accounts }))
    }
    expect(await w.db.outbox.count()).toBe(0)
    const customers = (await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Rita Lost')
    expect(customers).toHaveLength(1)
    expect(customers[0]).toMatchObject({ PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
    const items = (await w.entities('Item')).filter((x) => x['Name'] === 'Lost Edit Valve')
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ UnitPrice: 45 })
    expect(await w.db.mappings.get(['contact', c.id])).toMatchObject({ qboId: customers[0]!.Id, syncedVersion: 2 })
  })

  it('finds an unanswered payment by its key once the requestid is too old to trust, links it, then sends the edit made since', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Sal', familyName: 'Twice' }))
    const item = unwrap(await createItem(w.db, { name: 'Twice Valve', unitPrice: 20_000 }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: c.id,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 20_000 }],
          finalize: true,
        },
      ]),
    )
    const accounts = { income: '1', deposit: '5' }
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 8_000,
        method: 'check',
        memo: 'Left with the office',
        applications: [{ invoiceId: inv!.id, amount: 8_000 }],
      }),
    )
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 5, kinds: ['dropAfterWrite'] })
    expect((await push(w.deps({ accounts, maxAttempts: 1 }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    unwrap(await updatePaymentDetails(w.db, pay.id, { date: '2026-03-02', reference: '5521' }))
    w.clock.advance(48 * 3600_000)
    for (let i = 0; i < 3 && (await w.db.outbox.count()) > 0; i++) await push(w.deps({ accounts }))
    expect(await w.db.outbox.count()).toBe(0)
    const customer = (await w.entities('Customer')).find((x) => x['DisplayName'] === 'Sal Twice')!
    const payments = (await w.entities('Payment')).filter(
      (p) => (p['CustomerRef'] as { value: string }).value === customer.Id,
    )
    expect(payments).toHaveLength(1)
    expect(payments[0]).toMatchObject({
      TxnDate: '2026-03-02',
      PaymentRefNum: '5521',
      TotalAmt: 80,
      PrivateNote: `Left with the office\nFieldsync payment ${pay.id}`,
    })
    expect(await w.db.mappings.get(['payment', pay.id])).toMatchObject({ qboId: payments[0]!.Id, syncedVersion: 2 })
    const invoice = (await w.entities('Invoice')).find(
      (x) => (x['CustomerRef'] as { value: string }).value === customer.Id,
    )!
    expect(invoice['Balance']).toBe(120)
  })
})
