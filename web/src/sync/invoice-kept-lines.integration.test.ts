/**
 * What the tablet cannot show survives its pushes, against the emulator: the bookkeeper makes an invoice with a
 * 10 % discount, a class and a custom field; it comes down; the crew changes a line's quantity and the invoice's
 * message; after each push QuickBooks still has the discount, the class and the custom field, and the total is
 * the one QuickBooks computes with the discount.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { withTotals, type Invoice } from '#shared/domain/index.ts'
import { ok } from '#shared/result.ts'
import { bookkeeperClient, must } from '#emulator/src/admin/bookkeeper-client.ts'
import { edit } from '../db/invoice-edit.ts'
import { push } from './push.ts'
import { startPullWorld, type PullWorld } from './pull-world.ts'
import { fakeClock } from './test-support/fake-clock.ts'

let w: PullWorld
beforeEach(async () => {
  w = await startPullWorld()
  await w.initialSync()
})
afterEach(async () => {
  await w.close()
})

const discount = {
  DetailType: 'DiscountLineDetail',
  Amount: 0,
  DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
}
const classRef = { value: '5000000000000012345', name: 'Residential' }
const customField = [{ DefinitionId: '1', Name: 'Crew', Type: 'StringType', StringValue: 'North' }]

const inQuickBooks = async (id: string) => (await w.entities('Invoice')).find((x) => x.Id === id)!
const linesOf = (q: Record<string, unknown>) => q['Line'] as { DetailType: string; Amount?: number; Id?: string }[]

it('a line edit and a header edit pushed keep the discount, the class and the custom field', async () => {
  const qb = bookkeeperClient({ origin: w.emu.url, realmId: w.realmId })
  const customerId = (await w.entities('Customer')).find((c) => c['Active'] !== false && c['Job'] !== true)!.Id!
  const made = must(
    await qb.createInvoice({
      customerId,
      lines: [{ newItem: { Name: 'Drain clearing' }, qty: 2, unitPrice: 89 }],
    }),
  )
  const itemLine = linesOf(made).find((l) => l.DetailType === 'SalesItemLineDetail')!
  must(await qb.edit('invoice', made.Id, { Line: [itemLine, discount], ClassRef: classRef, CustomField: customField }))
  const before = await inQuickBooks(made.Id)
  expect(before['TotalAmt']).toBe(160.2)
  const discountId = linesOf(before).find((l) => l.DetailType === 'DiscountLineDetail')!.Id

  const pulled = await w.pull()
  if (!pulled.ok) throw new Error(pulled.error.userMessage)
  const link = (await w.db.mappings.toArray()).find((m) => m.kind === 'invoice' && m.qboId === made.Id)!
  const here = (await w.db.invoices.get(link.localId))!
  expect(here).toMatchObject({ total: 16_020, lines: [{ qty: 2000, amount: 17_800 }] })
  expect(here.keptLines?.map((k) => k.line['DetailType'])).toEqual(['DiscountLineDetail'])

  const pushNow = async () => (await push(w.deps({ clock: fakeClock(await w.now()) }))).summary
  const crewEdit = (change: (inv: Invoice) => Invoice) => edit(w.db, here.id, 'update', (inv) => ok(change(inv)))

  // The crew bills three hours instead of two.
  await crewEdit((inv) => withTotals({ ...inv, lines: inv.lines.map((l) => ({ ...l, qty: 3000, amount: 26_700 })) }))
  expect(await pushNow()).toMatchObject({ synced: 1, failed: 0 })
  const afterLines = await inQuickBooks(made.Id)
  expect(linesOf(afterLines).map((l) => [l.DetailType, l.Amount])).toEqual([
    ['SalesItemLineDetail', 267],
    ['SubTotalLineDetail', 267],
    ['DiscountLineDetail', 26.7],
  ])
  expect(linesOf(afterLines).find((l) => l.DetailType === 'DiscountLineDetail')!.Id).toBe(discountId)
  expect(afterLines['TotalAmt']).toBe(240.3)
  expect(afterLines).toMatchObject({ ClassRef: { value: classRef.value }, CustomField: customField })

  // Then a new message on the invoice: the sparse update leaves lines, class and custom field alone.
  await crewEdit((inv) => ({ ...inv, memo: 'Gate code 4411' }))
  expect(await pushNow()).toMatchObject({ synced: 1, failed: 0 })
  const afterMemo = await inQuickBooks(made.Id)
  expect(afterMemo).toMatchObject({
    CustomerMemo: { value: 'Gate code 4411' },
    TotalAmt: 240.3,
    ClassRef: { value: classRef.value },
    CustomField: customField,
  })
  expect(linesOf(afterMemo).map((l) => l.DetailType)).toContain('DiscountLineDetail')

  // No "total mismatch" warning: the check expected QuickBooks' discounted total.
  const warnings = (await w.db.syncLog.toArray()).filter((r) => r.status === 'warning' && r.kind === 'invoice')
  expect(warnings).toEqual([])
})

it('a discount the bookkeeper removes is not put back by the next push', async () => {
  const qb = bookkeeperClient({ origin: w.emu.url, realmId: w.realmId })
  const customerId = (await w.entities('Customer')).find((c) => c['Active'] !== false && c['Job'] !== true)!.Id!
  const made = must(
    await qb.createInvoice({ customerId, lines: [{ newItem: { Name: 'Gutter guard' }, qty: 2, unitPrice: 45 }] }),
  )
  const itemLine = linesOf(made).find((l) => l.DetailType === 'SalesItemLineDetail')!
  must(await qb.edit('invoice', made.Id, { Line: [itemLine, discount] }))
  const pullNow = async () => {
    const r = await w.pull()
    if (!r.ok) throw new Error(r.error.userMessage)
  }
  await pullNow()
  const link = (await w.db.mappings.toArray()).find((m) => m.kind === 'invoice' && m.qboId === made.Id)!
  expect((await w.db.invoices.get(link.localId))?.keptLines).toHaveLength(1)

  must(await qb.edit('invoice', made.Id, { Line: [itemLine] }))
  await pullNow()
  const here = (await w.db.invoices.get(link.localId))!
  expect(here).toMatchObject({ total: 9_000 })
  expect(here.keptLines).toBeUndefined()

  await edit(w.db, here.id, 'update', (inv) =>
    ok(withTotals({ ...inv, lines: inv.lines.map((l) => ({ ...l, qty: 3000, amount: 13_500 })) })),
  )
  expect((await push(w.deps({ clock: fakeClock(await w.now()) }))).summary).toMatchObject({ synced: 1, failed: 0 })
  const after = await inQuickBooks(made.Id)
  expect(linesOf(after).map((l) => l.DetailType)).toEqual(['SalesItemLineDetail', 'SubTotalLineDetail'])
  expect(after['TotalAmt']).toBe(135)
})
