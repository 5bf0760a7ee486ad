/**
 * Manual export against the emulator: finalized invoices wait for approval; the two picked go as one batch with the
 * contact and item they need, the third waits; turning manual export off lets the schedule send it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem, updateSettings } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { EXPORT_LOG_LABEL } from './export-batch.ts'
import { engineOn } from './test-support/emulator-engine.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

describe('manual export', () => {
  it('holds finalized invoices for approval and sends exactly the picked ones, with what they need', async () => {
    const engine = engineOn(w)
    await engine.preview()
    await engine.runInitial([])
    unwrap(await updateSettings(w.db, { exportMode: 'manual' }))
    const nora = unwrap(await createContact(w.db, { givenName: 'Nora', familyName: 'Export' }))
    const item = unwrap(await createItem(w.db, { name: 'Export Valve', unitPrice: 1_000 }))
    const line = (n: number) => [{ itemId: item.id, name: 'Export Valve', qty: n * 1000, unitPrice: 1_000 }]
    const invoices = unwrap(
      await createInvoices(
        w.db,
        [1, 2, 3].map((n) => ({ contactId: nora.id, lines: line(n), finalize: true })),
      ),
    )
    const customersBefore = (await w.entities('Customer')).length
    const invoicesBefore = (await w.entities('Invoice')).length

    // Sync Now sends the contact and the item, never an invoice.
    expect(await engine.syncNow()).toMatchObject({ ok: true, value: { push: { failed: 0 } } })
    expect((await w.entities('Invoice')).length).toBe(invoicesBefore)
    const waiting = await engine.waitingForExport()
    expect(waiting.map((x) => x.amount).sort()).toEqual([1_000, 2_000, 3_000])
    expect(waiting.every((x) => x.kind === 'invoice' && x.contact === 'Nora Export')).toBe(true)

    const picks = invoices.slice(0, 2).map((i) => ({ kind: 'invoice' as const, localId: i.id }))
    expect(await engine.exportNow(picks)).toMatchObject({ ok: true, value: { synced: 2, failed: 0 } })
    const customer = (await w.entities('Customer')).find((c) => c['DisplayName'] === 'Nora Export')!
    const sent = (await w.entities('Invoice')).filter(
      (x) => (x['CustomerRef'] as { value: string }).value === customer.Id,
    )
    expect(sent.map((x) => x['TotalAmt']).sort()).toEqual([10, 20])
    expect((await w.entities('Customer')).length).toBe(customersBefore + 1)
    expect((await engine.waitingForExport()).map((x) => x.localId)).toEqual([invoices[2]!.id])
    expect((await w.db.outbox.toArray()).map((r) => r.localId)).toEqual([invoices[2]!.id])
    const log = await w.db.syncLog.toArray()
    expect(log.find((r) => r.label === EXPORT_LOG_LABEL)?.details).toMatch(/^2 picked: 2 sent/)

    // Manual export off: the next send takes the invoice that waited.
    unwrap(await updateSettings(w.db, { exportMode: 'automatic' }))
    expect(await engine.syncNow()).toMatchObject({ ok: true, value: { push: { synced: 1 } } })
    expect(await engine.waitingForExport()).toEqual([])
  })
})
