// A claimed batch whose members depend on each other cannot be resent as it was: the plan breaks it and flags
// its ops `lookupFirst`. Each must then be looked up in QuickBooks before it is sent again, and end settled or
// failed with words, never left claimed with nothing said.
import { describe, expect, it } from 'vitest'
import { createInvoices, recordPayment } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { classifyFault } from './core/index.ts'
import type { QboGateway } from './ports.ts'
import { push } from './push.ts'
import { invoiceFor, world } from './test-support/runner-world.ts'

/** Rows of `kinds` as if an earlier run had claimed them under the batch of `under`'s row: one request. */
async function claimTogether(db: FieldsyncDB, under: string, kinds: readonly string[], keepSent = true) {
  const rows = await db.outbox.toArray()
  const lead = rows.find((r) => r.kind === under && r.batchId !== undefined)!
  for (const r of rows.filter((x) => kinds.includes(x.kind))) {
    const { sent, ...rest } = r
    await db.outbox.put({
      ...rest,
      ...(keepSent && sent ? { sent } : {}),
      requestId: lead.requestId!,
      batchId: lead.batchId!,
    })
  }
}

describe('ops of a broken claimed batch (lookupFirst)', () => {
  it('looks each create up, links what QuickBooks has and sends the rest anew: nothing stays claimed, nothing twice', async () => {
    const { db, qbo, clock, deps } = await world()
    const { invoice } = await invoiceFor(db, 'Ann')
    qbo.script = ['drop'] // the customer and the item reach QuickBooks; the answer does not
    await push(deps({ maxAttempts: 1 }))
    await claimTogether(db, 'contact', ['invoice'])
    expect(new Set((await db.outbox.toArray()).map((r) => r.batchId)).size).toBe(1)
    clock.advance(3600_000) // past the lost call's retry time

    await push(deps())
    expect(await db.outbox.toArray()).toEqual([])
    expect([qbo.entities.Customer.size, qbo.entities.Item.size, qbo.entities.Invoice.size]).toEqual([1, 1, 1])
    expect([...qbo.entities.Invoice.values()][0]).toMatchObject({ DocNumber: invoice.number })
    expect((await db.mappings.toArray()).map((m) => m.kind).sort()).toEqual(['contact', 'invoice', 'item'])
    const found = (await db.syncLog.toArray())
      .filter((l) => /already in QuickBooks/.test(l.details))
      .map((l) => l.kind)
      .sort()
    expect(found).toEqual(['contact', 'item'])
  })

  it('holds a payment it cannot look up, with the words saying why, and never sends it again', async () => {
    const { db, qbo, clock, deps } = await world()
    const { contact, item } = await invoiceFor(db, 'Bea')
    await push(deps())
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: contact.id,
          lines: [{ itemId: item.id, name: 'Labour', qty: 1000, unitPrice: 12_500 }],
          finalize: true,
        },
      ]),
    )
    unwrap(
      await recordPayment(db, {
        contactId: contact.id,
        date: '2025-03-15',
        amount: 5_000,
        applications: [{ invoiceId: inv!.id, amount: 5_000 }],
      }),
    )
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    // Claimed before creates carried the app's key: there is no stored request to look the payment up by.
    await claimTogether(db, 'invoice', ['payment'], false)
    clock.advance(3600_000)

    await push(deps())
    await push(deps())
    expect(qbo.entities.Payment.size).toBe(0)
    expect(qbo.entities.Invoice.size).toBe(2)
    const rows = await db.outbox.toArray()
    expect(rows).toMatchObject([
      {
        kind: 'payment',
        lastError: { code: 'unverified-payment', message: expect.stringMatching(/may already be in QuickBooks/) },
      },
    ])
    // Still claimed under the request that went out: released, it would be sent again as a second payment.
    expect(rows[0]!.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  })

  it('leaves a record QuickBooks could not be asked about claimed, saying it will try again', async () => {
    const { db, qbo, clock, deps } = await world()
    await invoiceFor(db, 'Cy')
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    await claimTogether(db, 'contact', ['invoice'])
    clock.advance(3600_000)
    const offline = classifyFault({ type: 'network', message: 'offline' })
    const noQueries: QboGateway = {
      query: async () => ({ ok: false, error: offline }),
      read: (e, id) => qbo.read(e, id),
      write: (e, o, b, r) => qbo.write(e, o, b, r),
      batch: (items, r) => qbo.batch(items, r),
      cdc: () => qbo.cdc(),
    }
    const writes = qbo.calls.filter((c) => c.kind !== 'query').length

    const { summary } = await push(deps({ gateway: noQueries }))
    expect(qbo.calls.filter((c) => c.kind !== 'query')).toHaveLength(writes)
    expect(summary.failed).toBeGreaterThan(0)
    const rows = await db.outbox.toArray()
    expect(rows.every((r) => r.requestId !== undefined)).toBe(true)
    expect(rows.filter((r) => r.kind !== 'invoice').map((r) => r.lastError?.message)).toEqual([
      expect.stringMatching(/try again/),
      expect.stringMatching(/try again/),
    ])

    // Once QuickBooks answers again (and the retry time has come), the lookups find what the lost call created.
    clock.advance(3600_000)
    await push(deps())
    expect(await db.outbox.count()).toBe(0)
    expect([qbo.entities.Customer.size, qbo.entities.Item.size, qbo.entities.Invoice.size]).toEqual([1, 1, 1])
  })
})
