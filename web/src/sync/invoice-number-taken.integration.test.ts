import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem } from '../db/index.ts'
import { useNextFreeNumber } from '../db/invoice-edit.ts'
import { unwrap } from '../db/test-db.ts'
import { recordSyncState } from '../state/record-sync-state.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

async function invoice1001() {
  const c = unwrap(await createContact(w.db, { givenName: 'Tess', familyName: 'Number' }))
  const item = unwrap(await createItem(w.db, { name: 'Numbered service call', unitPrice: 9_500 }))
  const [inv] = unwrap(
    await createInvoices(w.db, [
      {
        contactId: c.id,
        lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 9_500 }],
        finalize: true,
      },
    ]),
  )
  expect(inv!.number).toBe('1001')
  return inv!
}

const docNumbers = async () => (await w.entities('Invoice')).map((i) => String(i['DocNumber']))

describe('an invoice number QuickBooks already has', () => {
  it.each([
    ['QuickBooks refuses duplicates (6140)', true],
    ['QuickBooks would keep a duplicate without a word', false],
  ])('%s: never sent; "Use the next free number" sends it once', async (_name, warn) => {
    await w.admin('PUT', `/companies/${w.realmId}/numbering`, { customTxnNumbers: true, warnDuplicateDocNumber: warn })
    const inv = await invoice1001()
    const accounts = { income: '1' }
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ failed: 1 })
    expect((await docNumbers()).filter((n) => n === '1001')).toHaveLength(1)
    const rows = await w.db.outbox.where('[kind+localId]').equals(['invoice', inv.id]).toArray()
    const state = recordSyncState({ version: inv.version }, undefined, rows)
    expect(state).toMatchObject({ tone: 'failed', code: '6140', action: 'use-next-number' })

    const renumbered = unwrap(await useNextFreeNumber(w.db, inv.id))
    const highest = Math.max(...(await docNumbers()).map(Number).filter(Number.isFinite))
    expect(Number(renumbered.number)).toBe(highest + 1)
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ failed: 0 })
    expect((await docNumbers()).filter((n) => n === renumbered.number)).toHaveLength(1)
    expect(await w.db.mappings.get(['invoice', inv.id])).toBeDefined()
  })

  it('when QuickBooks numbers invoices, no number is sent: QuickBooks gives its next one, shown here', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/numbering`, { customTxnNumbers: false })
    const inv = await invoice1001()
    expect((await push(w.deps({ accounts: { income: '1' } }))).summary).toMatchObject({ failed: 0 })
    const now = (await w.db.invoices.get(inv.id))!.number!
    expect(now).not.toBe('1001')
    expect((await docNumbers()).filter((n) => n === now)).toHaveLength(1)
    expect((await docNumbers()).filter((n) => n === '1001')).toHaveLength(1)
  })
})
