/**
 * A company that lets QuickBooks number its invoices (`CustomTxnNumbers` off, the emulator's small company): new
 * invoices go without a number, QuickBooks gives the next one, the tablet shows it, and a create whose answer was
 * lost is found again by the app's key instead of being created twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import type { QboBatchWrite, QboEntity } from './ports.ts'
import { pullChanges } from './pull.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const accounts = { income: '1' }

async function tabletInvoice(given: string, before?: () => Promise<unknown>) {
  const c = unwrap(await createContact(w.db, { givenName: given, familyName: 'Numbered' }))
  const item = unwrap(await createItem(w.db, { name: `${given} service call`, unitPrice: 9_500 }))
  await before?.()
  const [inv] = unwrap(
    await createInvoices(w.db, [
      { contactId: c.id, lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 9_500 }], finalize: true },
    ]),
  )
  return inv!
}

/** The invoice bodies the runner sent, by write or batch. */
function recordingGateway() {
  const sent: QboEntity[] = []
  const g = w.gateway
  const gateway: typeof g = {
    ...g,
    query: (s) => g.query(s),
    read: (e, id) => g.read(e, id),
    cdc: (e, s) => g.cdc(e, s),
    write: (e, o, b, r) => {
      if (e === 'Invoice' && o === 'create') sent.push(b)
      return g.write(e, o, b, r)
    },
    batch: (items: QboBatchWrite[], r) => {
      for (const i of items) if (i.operation === 'create' && i.Invoice) sent.push(i.Invoice)
      return g.batch(items, r)
    },
  }
  return { gateway, sent }
}

const ours = async (localId: string) =>
  (await w.entities('Invoice')).filter((i) => String(i['PrivateNote'] ?? '').includes(`Fieldsync invoice ${localId}`))

describe('a company whose invoices QuickBooks numbers', () => {
  it("sends no number: QuickBooks holds the invoice once as its next number, and the tablet shows QuickBooks' number", async () => {
    const prefs = await w.gateway.query('SELECT * FROM Preferences')
    expect(prefs.ok && prefs.value).toMatchObject({ Preferences: [{ SalesFormsPrefs: { CustomTxnNumbers: false } }] })
    const highest = Math.max(...(await w.entities('Invoice')).map((i) => Number(i['DocNumber'])))
    const inv = await tabletInvoice('Quinn')
    expect(inv.number).toBe('1001')
    const { gateway, sent } = recordingGateway()

    expect((await push(w.deps({ gateway, accounts }))).summary).toMatchObject({ failed: 0 })

    expect(sent).toHaveLength(1)
    expect(sent[0]).not.toHaveProperty('DocNumber')
    const held = await ours(inv.id)
    expect(held.map((i) => i['DocNumber'])).toEqual([String(highest + 1)])
    expect((await w.db.invoices.get(inv.id))!.number).toBe(String(highest + 1))
    // The tablet's own 1001 went nowhere: QuickBooks' 1001 is still its only one.
    expect((await w.entities('Invoice')).filter((i) => i['DocNumber'] === '1001')).toHaveLength(1)
    // QuickBooks' number is what the mapping holds, so an edit does not send it back as a change.
    expect((await w.db.mappings.get(['invoice', inv.id]))?.snapshot).toMatchObject({ number: String(highest + 1) })
    // The tablet now knows: the next invoice finalized here takes no number of its own.
    expect((await w.deps({ accounts }).store.settings()).quickBooksNumbers).toBe(true)
  })

  it('finds a create whose answer was lost by its key, long after, and creates nothing twice', async () => {
    // The contact and item go first; then every answer to a write is lost after QuickBooks applied it.
    const inv = await tabletInvoice('Rowan', () => push(w.deps({ accounts })))
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 1, kinds: ['dropAfterWrite'] })
    const first = await push(w.deps({ accounts, maxAttempts: 1 }))
    expect(first.summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    let pushes = 0
    while ((await w.db.outbox.count()) > 0 && pushes++ < 6) {
      // Longer than a requestid is trusted to be remembered: each claimed create is looked up, not replayed.
      w.clock.advance(48 * 3600_000)
      await push(w.deps({ accounts }))
    }
    expect(await w.db.outbox.count()).toBe(0)
    const held = await ours(inv.id)
    expect(held).toHaveLength(1)
    expect((await w.db.invoices.get(inv.id))!.number).toBe(held[0]!['DocNumber'])
    const log = (await w.db.syncLog.toArray()).filter((l) => l.localId === inv.id)
    expect(log.map((l) => l.details)).toContainEqual(expect.stringMatching(/same invoice key/))
  })

  it('links a lost create the pull brings down before the lookup runs, with its number, adding no second copy', async () => {
    const inv = await tabletInvoice('Sage', () => push(w.deps({ accounts })))
    const emulatorNow = async () => (await w.admin<{ now: number }>('GET', '/clock')).now
    await w.deps().store.setCheckpoint(new Date((await emulatorNow()) - 1000).toISOString(), w.realmId)
    // QuickBooks applies the create; its answer is lost.
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 1, kinds: ['dropAfterWrite'] })
    expect((await push(w.deps({ accounts, maxAttempts: 1 }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    const held = await ours(inv.id)
    expect(held).toHaveLength(1)
    expect(await w.db.mappings.get(['invoice', inv.id])).toBeUndefined()

    const pulled = await pullChanges(w.deps())

    expect(pulled.ok ? 'ok' : JSON.stringify(pulled.error)).toBe('ok')
    const docNumber = held[0]!['DocNumber'] as string
    expect((await w.db.invoices.get(inv.id))!.number).toBe(docNumber)
    expect(await w.db.mappings.get(['invoice', inv.id])).toMatchObject({
      qboId: String(held[0]!['Id']),
      snapshot: { number: docNumber },
    })
    // One invoice on the tablet for it, not the tablet's and a pulled copy.
    const copies = (await w.db.invoices.toArray()).filter((i) => i.contactId === inv.contactId && !i.deletedAt)
    expect(copies.map((i) => i.id)).toEqual([inv.id])
    const log = (await w.db.syncLog.toArray()).filter((l) => l.localId === inv.id)
    expect(log.map((l) => l.details)).toContainEqual(expect.stringMatching(/same invoice key/))

    // The claimed create then settles without a second one in QuickBooks.
    w.clock.advance(48 * 3600_000)
    await push(w.deps({ accounts }))
    expect(await w.db.outbox.count()).toBe(0)
    expect(await ours(inv.id)).toHaveLength(1)
    expect((await w.db.invoices.get(inv.id))!.number).toBe(docNumber)
  })
})
