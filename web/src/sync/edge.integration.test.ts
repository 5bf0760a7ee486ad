import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoData } from '../db/demo-data.ts'
import {
  createContact,
  createInvoices,
  createItem,
  deletePayment,
  recordPayment,
  updateContact,
  updateInvoiceHeader,
  updateItem,
  voidInvoice,
} from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { previewInitialSync, runInitialSync, type MatchDecision } from './initial-sync.ts'
import { push } from './push.ts'
import { startEdgeWorld, type EdgeWorld } from './test-support/edge-world.ts'

// One emulator and one edge Worker for the file (bundling the Worker takes seconds); the tests share the
// company, so the initial sync of the untouched seed runs first and the others use names of their own.
let w: EdgeWorld
beforeAll(async () => {
  w = await startEdgeWorld()
}, 60_000)
afterAll(async () => {
  await w?.close()
})

const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i)

describe('through the edge (real OAuth connection, /api/qbo proxy, Durable Object pacing)', () => {
  it('runs the initial sync of the small company with the demo data: same preview, every record once', async () => {
    const { db, deps } = w.device()
    unwrap(await loadDemoData(db))
    const session = await previewInitialSync(deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    const { counts, decisions } = session.value.preview
    expect(counts).toMatchObject({ link: 15, createHere: 17, needDecision: 5 })
    expect(decisions.map((d) => d.reason).sort()).toEqual(['email', 'email', 'email', 'email-differs', 'inactive'])
    const tom = decisions.find((d) => d.reason === 'inactive')!
    const answers: MatchDecision[] = [{ kind: 'contact', localId: tom.localIds[0]!, qboId: tom.qboIds[0]! }]
    const summary = await runInitialSync(session.value, answers, deps())
    expect(summary).toMatchObject({ pulled: 17, linked: 16, failed: 0 })
    expect(summary.stoppedBy).toBeUndefined()
    expect((await db.syncLog.toArray()).filter((l) => l.status === 'error')).toEqual([])
    const customers = await w.entities('Customer')
    expect(dupes(customers.map((c) => String(c['DisplayName'])))).toEqual([])
    expect(customers.find((c) => c.Id === tom.qboIds[0])).toMatchObject({ Active: true })
    // QuickBooks' totals are the app's, so every payment applied.
    const qboInvoices = new Map((await w.entities('Invoice')).map((q) => [q.Id, q]))
    const mappings = await db.mappings.toArray()
    for (const m of mappings.filter((x) => x.kind === 'invoice')) {
      const inv = (await db.invoices.get(m.localId))!
      expect([inv.number, Math.round(Number(qboInvoices.get(m.qboId)?.['TotalAmt']) * 100)]).toEqual([
        inv.number,
        inv.total,
      ])
    }
    // Payments of invoices whose customer still waits for a decision wait too; none failed.
    const waiting = (await db.syncLog.toArray()).filter((l) => l.kind === 'payment' && l.status === 'skipped')
    expect(mappings.filter((m) => m.kind === 'payment').length + waiting.length).toBe(await db.payments.count())
  })

  it('pushes creates, updates and voids of contacts, items, invoices and payments', async () => {
    const { db, deps } = w.device()
    const accounts = { income: '1', deposit: '5' }
    const c = unwrap(await createContact(db, { givenName: 'Edda', familyName: 'Proxy', email: 'edda@example.com' }))
    const item = unwrap(await createItem(db, { name: 'Edge Valve Service', unitPrice: 12_000, taxable: true }))
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: c.id,
          taxRateBps: 775,
          finalize: true,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 12_000, taxable: true }],
        },
      ]),
    )
    const pay = unwrap(
      await recordPayment(db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: inv!.total,
        method: 'check',
        applications: [{ invoiceId: inv!.id, amount: inv!.total }],
      }),
    )
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 4, failed: 0 })

    unwrap(await updateContact(db, c.id, { phone: '(916) 555-0142' }))
    unwrap(await updateItem(db, item.id, { unitPrice: 13_000 }))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 2, failed: 0 })
    unwrap(await deletePayment(db, pay.id))
    unwrap(await voidInvoice(db, inv!.id))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 2, failed: 0 })

    const qc = (await w.entities('Customer')).find((x) => x['DisplayName'] === 'Edda Proxy')!
    expect(qc).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '(916) 555-0142' },
      PrimaryEmailAddr: { Address: 'edda@example.com' },
    })
    expect((await w.entities('Item')).find((x) => x['Name'] === 'Edge Valve Service')).toMatchObject({ UnitPrice: 130 })
    const ours = (e: Record<string, unknown>) => (e['CustomerRef'] as { value: string }).value === qc.Id
    const invoices = (await w.entities('Invoice')).filter(ours)
    // A number the company already had is never sent: the invoice went under the next free one, shown here too.
    expect(
      invoices.map((q) => [q['DocNumber'], q['TotalAmt'], String(q['PrivateNote'] ?? '').startsWith('Voided')]),
    ).toEqual([[(await db.invoices.get(inv!.id))!.number, 0, true]])
    // Deleted through the proxy's payment?operation=delete, not voided: QuickBooks keeps nothing of it.
    expect((await w.entities('Payment')).filter(ours)).toEqual([])
    expect(await db.outbox.count()).toBe(0)
  })

  it('sends an invoice edit (due date, memo) as a sparse update through the proxy; QuickBooks keeps our total', async () => {
    const { db, deps } = w.device()
    const c = unwrap(await createContact(db, { givenName: 'Ivo', familyName: 'Proxy' }))
    const item = unwrap(await createItem(db, { name: 'Edge Drain Clean', unitPrice: 9_000, taxable: true }))
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: c.id,
          taxRateBps: 775,
          finalize: true,
          lines: [{ itemId: item.id, name: item.name, qty: 2500, unitPrice: 9_000, taxable: true }],
        },
      ]),
    )
    expect((await push(deps({ accounts: { income: '1' } }))).summary).toMatchObject({ synced: 3, failed: 0 })
    unwrap(await updateInvoiceHeader(db, inv!.id, { dueDate: '2026-04-30', memo: 'Gate code 4411' }))
    expect((await push(deps({ accounts: { income: '1' } }))).summary).toMatchObject({ synced: 1, failed: 0 })
    const q = (await w.entities('Invoice')).find((x) => (x['CustomerRef'] as { name?: string }).name === 'Ivo Proxy')!
    expect(q).toMatchObject({
      DocNumber: (await db.invoices.get(inv!.id))!.number,
      DueDate: '2026-04-30',
      CustomerMemo: { value: 'Gate code 4411' },
      SyncToken: '1',
    })
    // 225.00 taxed at 7.75 %: 17.44 of tax, as the app computed it.
    expect([Math.round(Number(q['TotalAmt']) * 100), inv!.total]).toEqual([24_244, 24_244])
  })

  it('ends with one record, not two, when the answer to a committed create is lost between QuickBooks and the edge', async () => {
    const { db, deps } = w.device()
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 5, kinds: ['dropAfterWrite'] })
    try {
      unwrap(await createContact(db, { givenName: 'Lotte', familyName: 'Lost' }))
      const first = await push(deps({ maxAttempts: 2 }))
      expect(first.summary.synced).toBe(0)
    } finally {
      await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    }
    // The outbox row kept its requestid; the resend is replayed by QuickBooks, not written again.
    const [row] = await db.outbox.toArray()
    expect(row?.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    w.clock.advance(3_600_000)
    const second = await push(deps())
    expect(second.summary.synced).toBe(1)
    expect((await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Lotte Lost')).toHaveLength(1)
    expect(await db.outbox.count()).toBe(0)
  })
})
