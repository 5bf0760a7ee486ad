import { describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem, recordPayment, updateContact, updatePaymentDetails, voidInvoice } from '../db/index.ts'
import type { LocalId } from '../../../shared/domain/index.ts'
import { unwrap } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { push } from './push.ts'
import { invoiceFor, seededRandom, unansweredLegacyPayment, world } from './test-support/runner-world.ts'

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
    expect((inv!['Line'] as { SalesItemLineDetail: { ItemRef: { value: string } } }[])[0]!.SalesItemLineDetail.ItemRef.value).toBe(item!.Id)
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
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) { clock.advance(3600_000); await push(deps()) }
    const writes = qbo.calls.filter((x) => x.kind === 'write')
    expect(writes[1]!.requestId).toBe(writes[0]!.requestId)
    expect(writes[1]!.body).toEqual(writes[0]!.body)
    expect(writes[2]!.body).toMatchObject({ sparse: true, PrimaryPhone: { FreeFormNumber: '555-0199' }, Notes: 'Side gate' })
    expect(writes[2]!.body).not.toHaveProperty('DisplayName')
    expect(qbo.entities.Customer.size).toBe(1)
    expect([...qbo.entities.Customer.values()][0]).toMatchObject({ PrimaryPhone: { FreeFormNumber: '555-0199' }, Notes: 'Side gate' })
    expect(await db.mappings.get(['contact', c.id])).toMatchObject({ syncedVersion: 2, snapshot: { phone: '555-0199', notes: 'Side gate' } })
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
    for (let i = 0; i < 3 && (await db.outbox.count()) > 0; i++) { clock.advance(3600_000); await push(deps()) }
    const writes = qbo.calls.filter((x) => x.kind === 'write')
    expect(writes[2]!.body).toMatchObject({ sparse: true, DisplayName: 'Vi Old', PrimaryPhone: { FreeFormNumber: '555-0199' } })
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

  it('backs off with jitter on transient faults, never shorter than the throttle asks', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Di', familyName: 'Ray' }))
    qbo.script = ['500', '429', 'network']
    const { summary } = await push(deps())
    expect(summary.synced).toBe(1)
    expect(clock.waits).toHaveLength(3)
    expect(clock.waits[1]).toBeGreaterThanOrEqual(2000)
    expect(qbo.entities.Customer.size).toBe(1)
  })

  it('waits out throttling without spending its attempts: a busy company delays the push, and a run still ends', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Tia', familyName: 'Ray' }))
    qbo.script = Array(6).fill('429')
    expect((await push(deps())).summary).toMatchObject({ synced: 1, failed: 0 })
    expect(clock.waits.filter((ms) => ms >= 2000)).toHaveLength(6)
    expect(qbo.entities.Customer.size).toBe(1)

    unwrap(await createContact(db, { givenName: 'Uma', familyName: 'Ray' }))
    qbo.script = Array(40).fill('429')
    expect((await push(deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    expect(qbo.script.length).toBeGreaterThan(0)
    expect((await db.syncLog.toArray()).filter((l) => l.status !== 'synced')).toEqual([])
  })

  it('leaves a row queued with its requestid after the tries run out, and the next run replays it', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Ed', familyName: 'Fox' }))
    qbo.script = ['drop', 'network']
    const first = await push(deps({ maxAttempts: 2 }))
    expect(first.summary.failed).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ attempts: 1, lastError: { code: 'network' } })
    expect(row!.requestId).toBeDefined()
    clock.advance(3600_000)
    const second = await push(deps())
    expect(second.summary.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(1)
    expect(await db.outbox.count()).toBe(0)
  })

  it('releases the requestid of a request that surely failed, so the retry is a new request', async () => {
    const { db, qbo, deps } = await world()
    qbo.add('Customer', { DisplayName: 'Fay Gold' })
    const c = unwrap(await createContact(db, { givenName: 'Fay', familyName: 'Gold' }))
    const { summary } = await push(deps())
    expect(summary.failed).toBe(1)
    const [row] = await db.outbox.toArray()
    expect(row!.requestId).toBeUndefined()
    expect(row!.lastError?.code).toBe('6240')
    const log = (await db.syncLog.toArray()).find((l) => l.status === 'error')!
    expect(log.details).toMatch(/Id 100/)
    unwrap(await updateContact(db, c.id, { displayName: 'Fay Gold (C)' }))
    expect((await push(deps())).summary.synced).toBe(1)
    expect(qbo.entities.Customer.size).toBe(2)
  })

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
    const pay = unwrap(await recordPayment(db, { contactId: contact.id, date: '2025-03-15', amount: 10_000, memo: 'Cheque at the door',
      applications: [{ invoiceId: invoice.id, amount: 10_000 }] }))
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
    expect(qbo.calls.find((c) => c.kind === 'query' && /FROM Payment/.test(c.statement ?? ''))?.statement)
      .toBe(`SELECT * FROM Payment WHERE CustomerRef = '${(qp!['CustomerRef'] as { value: string }).value}' AND TxnDate = '2025-03-15' MAXRESULTS 1000`)
    expect(await db.mappings.get(['payment', pay.id])).toMatchObject({ qboId: qp!.Id, syncedVersion: 2, snapshot: { date: '2025-03-16', reference: '1042' } })
    expect((await db.syncLog.toArray()).some((l) => l.kind === 'payment' && /already in QuickBooks/.test(l.details))).toBe(true)
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
    expect(row).toMatchObject({ requestId: claimed.requestId, batchId: claimed.batchId, lastError: { code: 'unverified-payment' } })
    const held = (await db.syncLog.toArray()).filter((l) => l.kind === 'payment' && l.status === 'error')
    expect(held.map((l) => l.details)).toEqual([expect.stringMatching(/may already be in QuickBooks.*Check the customer's payments in QuickBooks/)])
  })

  it('warns when QuickBooks totals an invoice differently, and holds a payment to QuickBooks\' balance', async () => {
    const { db, qbo, deps } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Tia', familyName: 'Moss' }))
    const item = unwrap(await createItem(db, { name: 'Filter', unitPrice: 4_000, taxable: true }))
    // The fake company ignores the sent tax, as a company whose own tax setup disagrees would: 80.00 there, 86.20 here.
    const [inv] = unwrap(await createInvoices(db, [{ contactId: c.id, taxRateBps: 775, finalize: true,
      lines: [{ itemId: item.id, name: 'Filter', qty: 2000, unitPrice: 4_000, taxable: true }] }]))
    expect(inv!.total).toBe(8_620)
    unwrap(await recordPayment(db, { contactId: c.id, date: '2025-03-15', amount: 8_620, applications: [{ invoiceId: inv!.id, amount: 8_620 }] }))
    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 3, failed: 1 })
    const log = await db.syncLog.toArray()
    expect(log.find((l) => l.status === 'warning')?.details).toBe(
      "QuickBooks total 80.00 differs from Fieldsync total 86.20. Tax: here 6.20, QuickBooks 0.00. Payments apply at most QuickBooks' balance.")
    const refused = log.find((l) => l.kind === 'payment' && l.status === 'error')!
    expect(refused.details).toMatch(new RegExp(`Invoice ${inv!.number} has 80\\.00 left to pay in QuickBooks .*applies 86\\.20`))
    expect(qbo.entities.Payment.size).toBe(0)
    expect((await db.outbox.toArray()).map((r) => [r.kind, r.lastError?.code])).toEqual([['payment', 'over-balance']])
  })

  it('keeps the field a refusal names on the row, so its fix can be pointed at', async () => {
    const { db, qbo, deps } = await world()
    const item = unwrap(await createItem(db, { name: 'Filter', unitPrice: 4_000 }))
    expect((await push(deps({ accounts: {} }))).summary).toMatchObject({ failed: 1 })
    expect(qbo.entities.Item.size).toBe(0)
    expect(await db.outbox.toArray()).toMatchObject([{ localId: item.id, lastError: { code: 'map', field: 'IncomeAccountRef' } }])
  })

  it('stops the run and keeps everything queued when QuickBooks refuses the connection', async () => {
    const { db, qbo, deps } = await world()
    await invoiceFor(db, 'Ivy')
    qbo.script = ['401']
    const { summary } = await push(deps({ concurrency: 1 }))
    expect(summary.stoppedBy?.kind).toBe('auth')
    expect(qbo.entities.Customer.size + qbo.entities.Item.size + qbo.entities.Invoice.size).toBe(0)
    expect(await db.outbox.count()).toBe(3)
  })

  it('never duplicates nor loses a record or an edit when the process dies at 20 random points', async () => {
    const { db, qbo, clock, deps } = await world()
    const random = seededRandom(7)
    // What each round created, and the latest values edited here since: QuickBooks must end with exactly these.
    const rounds: { name: string; contactId: LocalId; paymentId: LocalId; phone?: string; date: string; reference?: string }[] = []
    let deaths = 0
    let budget = Infinity
    let dead = false
    // A death is final for that run: every later call of the same run fails too, as in a closed tab.
    const die = () => {
      if (dead) throw new Error('process is dead')
      if (budget-- <= 0) { deaths++; dead = true; throw new Error('process died') }
    }
    qbo.beforeCall = die
    const store = new DexieStore(db)
    // Dies before a claim, a send or a settle: every step where a real tab can be closed.
    const dying: typeof store = Object.assign(Object.create(store) as DexieStore, {
      claim: (c: Parameters<DexieStore['claim']>[0]) => { die(); return store.claim(c) },
      settle: (s: Parameters<DexieStore['settle']>[0]) => { die(); return store.settle(s) },
    })
    for (let round = 0; deaths < 20 && round < 60; round++) {
      const name = `P${round}`
      const { contact, invoice } = await invoiceFor(db, name)
      const pay = unwrap(await recordPayment(db, { contactId: contact.id, date: '2025-03-15', amount: 5_000, applications: [{ invoiceId: invoice.id, amount: 5_000 }] }))
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
    for (let i = 0; i < 6 && (await db.outbox.count()) > 0; i++) { clock.advance(3600_000); await push(deps()) }
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
      expect([r.name, (customer['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber]).toEqual([r.name, r.phone])
      const payments = [...qbo.entities.Payment.values()].filter((p) => (p['CustomerRef'] as { value: string }).value === customer.Id)
      expect([r.name, payments.map((p) => [p['TxnDate'], p['PaymentRefNum'], p['TotalAmt']])]).toEqual([r.name, [[r.date, r.reference, 50]]])
    }
    expect(await db.mappings.count()).toBe(4 * rounds.length)
    // The resumes after a long gap went through the lookups, payments' included, rather than resending.
    const found = (await db.syncLog.toArray()).filter((l) => /already in QuickBooks/.test(l.details)).map((l) => l.kind)
    expect(found.filter((k) => k === 'payment').length).toBeGreaterThan(0)
  })
})
