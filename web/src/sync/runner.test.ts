import { describe, expect, it } from 'vitest'
import { createContact, createItem, updateContact, voidInvoice } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { push } from './push.ts'
import { invoiceFor, world } from './test-support/runner-world.ts'

describe('runner pushes', () => {
  it('creates the customer and item before the invoice that references them, and settles everything', async () => {
    const { db, qbo, deps } = await world()
    const { invoice } = await invoiceFor(db, 'Ann')
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 3, failed: 0 })
    const [inv] = [...qbo.entities.Invoice.values()]
    const [cust] = [...qbo.entities.Customer.values()]
    const [item] = [...qbo.entities.Item.values()]
    expect(inv).toMatchObject({ CustomerRef: { value: cust!.Id }, DocNumber: invoice.number, TotalAmt: 250 })
    expect(
      (inv!['Line'] as { SalesItemLineDetail: { ItemRef: { value: string } } }[])[0]!.SalesItemLineDetail.ItemRef.value,
    ).toBe(item!.Id)
    expect(await db.outbox.count()).toBe(0)
    expect((await db.mappings.toArray()).map((m) => m.kind).sort()).toEqual(['contact', 'invoice', 'item'])
    expect((await db.syncLog.toArray()).filter((l) => l.status === 'synced')).toHaveLength(3)
  })

  it('pushes an edit as a sparse update with the stored SyncToken, and a void as a void', async () => {
    const { db, qbo, deps } = await world()
    const { contact, invoice } = await invoiceFor(db, 'Bo')
    await push(deps())
    unwrap(await updateContact(db, contact.id, { phone: '555-0100' }))
    unwrap(await voidInvoice(db, invoice.id))
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 2, failed: 0 })
    const cust = [...qbo.entities.Customer.values()][0]!
    expect(cust).toMatchObject({ PrimaryPhone: { FreeFormNumber: '555-0100' }, SyncToken: '1' })
    expect([...qbo.entities.Invoice.values()][0]).toMatchObject({ TotalAmt: 0, SyncToken: '1' })
    expect(await db.outbox.count()).toBe(0)
  })

  it('replays a write whose answer was lost with the same requestid: one record, not two', async () => {
    const { db, qbo, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Cy', familyName: 'Ode' }))
    qbo.script = ['drop']
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    expect(qbo.entities.Customer.size).toBe(1)
    const ids = qbo.calls.filter((c) => c.kind === 'write').map((c) => c.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBe(ids[1])
  })

  it('keeps an edit made while a create was unanswered: the resend is the first request, then the edit goes as an update', async () => {
    const { db, qbo, clock, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Cy', familyName: 'Ode', phone: '555-0100' }))
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    expect(qbo.entities.Customer.size).toBe(1)
    // Edited before the resend: QuickBooks will replay the first answer, which holds the old phone.
    unwrap(await updateContact(db, c.id, { phone: '555-0199', notes: 'Side gate' }))
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) {
      clock.advance(3600_000)
      await push(deps())
    }
    const writes = qbo.calls.filter((x) => x.kind === 'write')
    expect(writes[1]!.requestId).toBe(writes[0]!.requestId)
    expect(writes[1]!.body).toEqual(writes[0]!.body)
    expect(writes[2]!.body).toMatchObject({
      sparse: true,
      PrimaryPhone: { FreeFormNumber: '555-0199' },
      Notes: 'Side gate',
    })
    expect(writes[2]!.body).not.toHaveProperty('DisplayName')
    expect(qbo.entities.Customer.size).toBe(1)
    expect([...qbo.entities.Customer.values()][0]).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '555-0199' },
      Notes: 'Side gate',
    })
    expect(await db.mappings.get(['contact', c.id])).toMatchObject({
      syncedVersion: 2,
      snapshot: { phone: '555-0199', notes: 'Side gate' },
    })
    expect(await db.outbox.count()).toBe(0)
  })

  it('keeps an edit to a record claimed before claims stored their request: the next update sends every field', async () => {
    const { db, qbo, clock, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Vi', familyName: 'Old', phone: '555-0100' }))
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    const [claimed] = await db.outbox.toArray()
    const { sent: _sent, ...legacy } = claimed!
    await db.outbox.put(legacy)
    unwrap(await updateContact(db, c.id, { phone: '555-0199' }))
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) {
      clock.advance(3600_000)
      await push(deps())
    }
    const writes = qbo.calls.filter((x) => x.kind === 'write')
    expect(writes[2]!.body).toMatchObject({
      sparse: true,
      DisplayName: 'Vi Old',
      PrimaryPhone: { FreeFormNumber: '555-0199' },
    })
    expect(qbo.entities.Customer.size).toBe(1)
    expect([...qbo.entities.Customer.values()][0]).toMatchObject({ PrimaryPhone: { FreeFormNumber: '555-0199' } })
    expect(await db.outbox.count()).toBe(0)
  })

  it('leaves a row edited between the snapshot and the claim for the next run, which sends the edit', async () => {
    const { db, qbo, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Wes', familyName: 'Late', phone: '555-0100' }))
    const store = new DexieStore(db)
    let edits = 0
    const editing: typeof store = Object.assign(Object.create(store) as DexieStore, {
      claim: async (claims: Parameters<DexieStore['claim']>[0]) => {
        if (edits++ === 0) unwrap(await updateContact(db, c.id, { phone: '555-0199' }))
        return store.claim(claims)
      },
    })
    const first = await push(deps({ store: editing }))
    expect(first.summary.synced).toBe(0)
    expect(qbo.entities.Customer.size).toBe(0)
    const second = await push(deps())
    expect(second.summary.synced).toBe(1)
    expect([...qbo.entities.Customer.values()][0]).toMatchObject({ PrimaryPhone: { FreeFormNumber: '555-0199' } })
    expect(await db.mappings.get(['contact', c.id])).toMatchObject({ syncedVersion: 2 })
    expect(await db.outbox.count()).toBe(0)
  })

  it('keeps the field a refusal names on the row, so its fix can be pointed at', async () => {
    const { db, qbo, deps } = await world()
    const item = unwrap(await createItem(db, { name: 'Filter', unitPrice: 4_000 }))
    expect((await push(deps({ accounts: {} }))).summary).toMatchObject({ failed: 1 })
    expect(qbo.entities.Item.size).toBe(0)
    expect(await db.outbox.toArray()).toMatchObject([
      { localId: item.id, lastError: { code: 'map', field: 'IncomeAccountRef' } },
    ])
  })
})
