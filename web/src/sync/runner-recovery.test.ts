import { describe, expect, it } from 'vitest'
import {
  createContact,
  createInvoices,
  createItem,
  recordPayment,
  updateContact,
  updatePaymentDetails,
} from '../db/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { push } from './push.ts'
import { invoiceFor, seededRandom, unansweredLegacyPayment, world } from './test-support/runner-world.ts'

describe('runner recovers', () => {
  it('re-reads, merges and retries an update that went stale, logging each conflicting field', async () => {
    const { db, qbo, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Gus', familyName: 'Hale', phone: '1' }))
    await push(deps())
    const id = [...qbo.entities.Customer.keys()][0]!
    qbo.edit('Customer', id, { Notes: 'Gate code 4411', PrimaryPhone: { FreeFormNumber: '2' } }, '2025-03-14T08:00:00Z')
    unwrap(await updateContact(db, c.id, { phone: '3' }))
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    const cust = qbo.entities.Customer.get(id)!
    expect(cust).toMatchObject({ Notes: 'Gate code 4411', PrimaryPhone: { FreeFormNumber: '3' }, SyncToken: '2' })
    expect((await db.contacts.get(c.id))?.notes).toBe('Gate code 4411')
    const conflicts = (await db.syncLog.toArray()).filter((l) => l.status === 'conflict')
    expect(conflicts.map((l) => l.details).join()).toMatch(/phone/)
  })

  it('looks a long-unanswered create up before sending it again, and links what it finds', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Hal', familyName: 'Ives' }))
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    expect(qbo.entities.Customer.size).toBe(1)
    qbo.forgetRequestIds = true
    clock.advance(48 * 3600_000)
    const { summary } = await push(deps())
    expect(summary.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(1)
    expect((await db.mappings.toArray())[0]?.qboId).toBe([...qbo.entities.Customer.keys()][0])
  })

  it('finds a payment whose create went unanswered longer than requestids are trusted, and links it instead of paying twice', async () => {
    const { db, qbo, clock, deps } = await world()
    const { contact, invoice } = await invoiceFor(db, 'Pia')
    await push(deps())
    const pay = unwrap(
      await recordPayment(db, {
        contactId: contact.id,
        date: '2025-03-15',
        amount: 10_000,
        memo: 'Cheque at the door',
        applications: [{ invoiceId: invoice.id, amount: 10_000 }],
      }),
    )
    qbo.script = ['drop']
    await push(deps({ maxAttempts: 1 }))
    expect(qbo.entities.Payment.size).toBe(1)
    // Edited before the resume: the lookup must look for what was sent, and the edit must follow.
    unwrap(await updatePaymentDetails(db, pay.id, { date: '2025-03-16', reference: '1042' }))
    qbo.forgetRequestIds = true
    clock.advance(48 * 3600_000)
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) await push(deps())
    expect(qbo.entities.Payment.size).toBe(1)
    const [qp] = [...qbo.entities.Payment.values()]
    expect(qp).toMatchObject({ TxnDate: '2025-03-16', PaymentRefNum: '1042', TotalAmt: 100 })
    expect(qp!['PrivateNote']).toBe(`Cheque at the door\nFieldsync payment ${pay.id}`)
    expect(qbo.calls.find((c) => c.kind === 'query' && /FROM Payment/.test(c.statement ?? ''))?.statement).toBe(
      `SELECT * FROM Payment WHERE CustomerRef = '${(qp!['CustomerRef'] as { value: string }).value}' AND TxnDate = '2025-03-15' MAXRESULTS 1000`,
    )
    expect(await db.mappings.get(['payment', pay.id])).toMatchObject({
      qboId: qp!.Id,
      syncedVersion: 2,
      snapshot: { date: '2025-03-16', reference: '1042' },
    })
    expect(
      (await db.syncLog.toArray()).some((l) => l.kind === 'payment' && /already in QuickBooks/.test(l.details)),
    ).toBe(true)
    expect(await db.outbox.count()).toBe(0)
  })

  it('holds a payment it cannot look up (claimed before creates carried its key) rather than send a second one', async () => {
    const w = await world()
    const { db, qbo, clock, deps } = w
    const { claimed } = await unansweredLegacyPayment(w)
    expect((await push(deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    clock.advance(3600_000)
    await push(deps())
    expect(qbo.entities.Payment.size).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({
      requestId: claimed.requestId,
      batchId: claimed.batchId,
      lastError: { code: 'unverified-payment' },
    })
    const held = (await db.syncLog.toArray()).filter((l) => l.kind === 'payment' && l.status === 'error')
    expect(held.map((l) => l.details)).toEqual([
      expect.stringMatching(/may already be in QuickBooks.*Check the customer's payments in QuickBooks/),
    ])
  })

  it("warns when QuickBooks totals an invoice differently, and holds a payment to QuickBooks' balance", async () => {
    const { db, qbo, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Tia', familyName: 'Moss' }))
    const item = unwrap(await createItem(db, { name: 'Filter', unitPrice: 4_000, taxable: true }))
    // The fake company ignores the sent tax, as a company whose own tax setup disagrees would: 80.00 there, 86.20 here.
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: c.id,
          taxRateBps: 775,
          finalize: true,
          lines: [{ itemId: item.id, name: 'Filter', qty: 2000, unitPrice: 4_000, taxable: true }],
        },
      ]),
    )
    expect(inv!.total).toBe(8_620)
    unwrap(
      await recordPayment(db, {
        contactId: c.id,
        date: '2025-03-15',
        amount: 8_620,
        applications: [{ invoiceId: inv!.id, amount: 8_620 }],
      }),
    )
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 3, failed: 1 })
    const log = await db.syncLog.toArray()
    expect(log.find((l) => l.status === 'warning')?.details).toBe(
      "QuickBooks total 80.00 differs from Fieldsync total 86.20. Tax: here 6.20, QuickBooks 0.00. Payments apply at most QuickBooks' balance.",
    )
    const refused = log.find((l) => l.kind === 'payment' && l.status === 'error')!
    expect(refused.details).toMatch(
      new RegExp(`Invoice ${inv!.number} has 80\\.00 left to pay in QuickBooks .*applies 86\\.20`),
    )
    expect(qbo.entities.Payment.size).toBe(0)
    expect((await db.outbox.toArray()).map((r) => [r.kind, r.lastError?.code])).toEqual([['payment', 'over-balance']])
  })

  it('never duplicates nor loses a record or an edit when the process dies at 20 random points, lookups included', async () => {
    const { db, qbo, clock, deps } = await world()
    // Seeded: the crash points follow each QuickBooks call, so a read added to a run moves them. This seed lands some
    // where a payment is looked up after a long gap (asserted last); any seed must keep every other assertion.
    const random = seededRandom(2)
    // What each round created, and the latest values edited here since: QuickBooks must end with exactly these.
    const rounds: {
      name: string
      contactId: LocalId
      paymentId: LocalId
      phone?: string
      date: string
      reference?: string
    }[] = []
    let deaths = 0
    let budget = Infinity
    let dead = false
    // A death is final for that run: every later call of the same run fails too, as in a closed tab.
    const die = () => {
      if (dead) throw new Error('process is dead')
      if (budget-- <= 0) {
        deaths++
        dead = true
        throw new Error('process died')
      }
    }
    qbo.beforeCall = die
    const store = new DexieStore(db)
    // Dies before a claim, a send or a settle: every step where a real tab can be closed.
    const dying: typeof store = Object.assign(Object.create(store) as DexieStore, {
      claim: (c: Parameters<DexieStore['claim']>[0]) => {
        die()
        return store.claim(c)
      },
      settle: (s: Parameters<DexieStore['settle']>[0]) => {
        die()
        return store.settle(s)
      },
    })
    for (let round = 0; deaths < 20 && round < 60; round++) {
      const name = `P${round}`
      const { contact, invoice } = await invoiceFor(db, name)
      const pay = unwrap(
        await recordPayment(db, {
          contactId: contact.id,
          date: '2025-03-15',
          amount: 5_000,
          applications: [{ invoiceId: invoice.id, amount: 5_000 }],
        }),
      )
      rounds.push({ name: `${name} Lee`, contactId: contact.id, paymentId: pay.id, date: pay.date })
      budget = Math.floor(random.next() * 16)
      dead = false
      qbo.script = random.next() < 0.3 ? ['drop'] : []
      await push(deps({ store: dying, concurrency: 2, maxAttempts: 2 }), { batchSize: 2 }).catch(() => undefined)
      // Edits between the crash and the resume, to a record of this round or an earlier one, whatever its state.
      if (random.next() < 0.6) {
        // Mostly this round's, whose sends the crash is likeliest to have left claimed with an unknown outcome.
        const r = random.next() < 0.7 ? rounds[rounds.length - 1]! : rounds[Math.floor(random.next() * rounds.length)]!
        if (random.next() < 0.5) {
          r.phone = `555-01${String(round).padStart(2, '0')}`
          unwrap(await updateContact(db, r.contactId, { phone: r.phone }))
        } else {
          r.date = `2025-03-${String(16 + (round % 10)).padStart(2, '0')}`
          r.reference = `R${round}`
          unwrap(await updatePaymentDetails(db, r.paymentId, { date: r.date, reference: r.reference }))
        }
      }
      clock.advance(random.next() < 0.3 ? 48 * 3600_000 : 1000)
    }
    dead = false
    budget = Infinity
    qbo.script = []
    for (let i = 0; i < 6 && (await db.outbox.count()) > 0; i++) {
      clock.advance(3600_000)
      await push(deps())
    }
    expect(deaths).toBe(20)
    expect(await db.outbox.count()).toBe(0)
    const customers = [...qbo.entities.Customer.values()]
    expect(customers.map((c) => c['DisplayName'] as string).sort()).toEqual(rounds.map((r) => r.name).sort())
    expect(qbo.entities.Item.size).toBe(rounds.length)
    const docs = [...qbo.entities.Invoice.values()].map((i) => i['DocNumber'])
    expect(new Set(docs).size).toBe(rounds.length)
    expect(docs).toHaveLength(rounds.length)
    expect(qbo.entities.Payment.size).toBe(rounds.length)
    const edited = rounds.filter((r) => r.phone !== undefined || r.reference !== undefined)
    expect(edited.length).toBeGreaterThan(5)
    for (const r of rounds) {
      const customer = customers.find((c) => c['DisplayName'] === r.name)!
      expect([r.name, (customer['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber]).toEqual([
        r.name,
        r.phone,
      ])
      const payments = [...qbo.entities.Payment.values()].filter(
        (p) => (p['CustomerRef'] as { value: string }).value === customer.Id,
      )
      expect([r.name, payments.map((p) => [p['TxnDate'], p['PaymentRefNum'], p['TotalAmt']])]).toEqual([
        r.name,
        [[r.date, r.reference, 50]],
      ])
    }
    expect(await db.mappings.count()).toBe(4 * rounds.length)
    // The resumes after a long gap went through the lookups, payments' included, rather than resending.
    const found = (await db.syncLog.toArray()).filter((l) => /already in QuickBooks/.test(l.details)).map((l) => l.kind)
    expect(found.filter((k) => k === 'payment').length).toBeGreaterThan(0)
  })
})
