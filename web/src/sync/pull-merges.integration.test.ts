/**
 * Merges made in QuickBooks reach this device, against the emulator: a customer merged into another takes its
 * invoices and payments here to the survivor and retires its link (one log row says so); an item merged into
 * another is made inactive here and the invoices' lines name the survivor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Invoice, Mapping } from '#shared/domain/index.ts'
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
  (await w.db.mappings.toArray()).find((m) => m.kind === kind && m.qboId === qboId)
const merge = (entity: string, fromId: string, intoId: string) =>
  w.admin('POST', `/companies/${w.realmId}/bookkeeper/${entity}/merge`, { fromId, intoId })
const pulled = async () => {
  const r = await w.pull()
  if (!r.ok) throw new Error(r.error.userMessage)
}

describe('merges', () => {
  it('follows a customer merged away to the survivor', async () => {
    const invoices = await w.entities('Invoice')
    const customers = (await w.entities('Customer')).filter((c) => c['Active'] !== false && c['Job'] !== true)
    const withInvoices = (id: string) => invoices.some((i) => (i['CustomerRef'] as { value: string }).value === id)
    const from = customers.find((c) => withInvoices(c.Id!))!
    const into = customers.find((c) => c.Id !== from.Id)!
    const away = (await linkOf('contact', from.Id!))!
    const survivor = (await linkOf('contact', into.Id!))!
    const awayInvoices = (await w.db.invoices.toArray()).filter((i) => i.contactId === away.localId)
    expect(awayInvoices.length).toBeGreaterThan(0)

    await merge('customer', from.Id!, into.Id!)
    await pulled()

    const moved = await Promise.all(awayInvoices.map((i) => w.db.invoices.get(i.id)))
    expect(moved.map((i) => (i as Invoice).contactId)).toStrictEqual(awayInvoices.map(() => survivor.localId))
    expect((await w.db.payments.toArray()).filter((p) => p.contactId === away.localId)).toStrictEqual([])
    expect((await w.db.mappings.get(['contact', away.localId]))?.status).toBe('unlinked')
    const rows = (await w.db.syncLog.toArray()).filter(
      (l) => l.localId === away.localId && /^Merged in QuickBooks/.test(l.details),
    )
    expect(rows).toHaveLength(1)
  })

  it('makes an item merged away inactive here; invoice lines name the survivor', async () => {
    const items = (await w.entities('Item')).filter((i) => i['Active'] !== false && i['Type'] === 'Service')
    const lines = (await w.entities('Invoice')).flatMap(
      (i) => i['Line'] as { SalesItemLineDetail?: { ItemRef?: { value: string } } }[],
    )
    const used = (id: string) => lines.some((l) => l.SalesItemLineDetail?.ItemRef?.value === id)
    const from = items.find((i) => used(i.Id!))!
    const into = items.find((i) => i.Id !== from.Id)!
    const away = (await linkOf('item', from.Id!))!
    const survivor = (await linkOf('item', into.Id!))!

    await merge('item', from.Id!, into.Id!)
    await pulled()

    expect(await w.db.items.get(away.localId)).toMatchObject({ active: false })
    expect((await w.db.mappings.get(['item', away.localId]))?.status).toBe('unlinked')
    const itemIds = (await w.db.invoices.toArray())
      .filter((i) => !i.deletedAt)
      .flatMap((i) => i.lines.map((l) => l.itemId))
    expect(itemIds).not.toContain(away.localId)
    expect(itemIds).toContain(survivor.localId)
  })
})
