import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadDemoData } from '../db/demo-data.ts'
import {
  createContact,
  createInvoices,
  createItem,
  deletePayment,
  recordPayment,
  updateContact,
  updateItem,
  updatePaymentDetails,
  voidInvoice,
} from '../db/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { unwrap } from '../db/test-db.ts'
import { previewInitialSync, runInitialSync, type MatchDecision } from './initial-sync.ts'
import { linkExisting } from './link-existing.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const names = (xs: Record<string, unknown>[], field: string) => xs.map((x) => String(x[field])).sort()
const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i)

describe('initial sync of the emulator small company with the demo data', () => {
  it('previews the exact links, creations and ambiguous pairs, then lands every record once', async () => {
    unwrap(await loadDemoData(w.db))
    const before = await w.entities('Customer')
    const session = await previewInitialSync(w.deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    const { counts, decisions } = session.value.preview
    const { contacts, items } = session.value.match
    // Same email (any case) or same name links; the seed's near-duplicates and shared emails are asked.
    expect(contacts.links.map((l) => l.via).sort()).toEqual([
      'email',
      'email',
      'email',
      'email',
      'email',
      'email',
      'email',
      'name',
      'name',
    ])
    expect(items.links).toHaveLength(6)
    expect(counts).toMatchObject({ link: 15, createHere: 17, needDecision: 5 })
    expect(decisions.map((d) => [d.reason, Object.values(d.labels).sort()])).toEqual([
      ['email', ['Garcia, Maria', 'Maria Garcia', 'Maria Garcia']],
      ['email', ['Michael Johnson', 'Mike Johnson', 'Mike Johnson']],
      ['email', ['Sunrise Bakery', 'Sunrise Bakery', 'Sunrise Bakery (Midtown)']],
      ['email-differs', ['Beth Anderson', 'Beth Anderson']],
      // Inactive in QuickBooks (pulled for matching): only linked, and so reactivated, if the user says so.
      ['inactive', ['Tom Nguyen', 'Tom Nguyen']],
    ])

    // The user links Mike to Mike and keeps Beth apart; the other two stay undecided (and wait).
    const mike = decisions.find((d) => Object.values(d.labels).includes('Michael Johnson'))!
    const beth = decisions.find((d) => d.reason === 'email-differs')!
    const mikeQbo = mike.qboIds.find((q) => mike.labels[`qbo:${q}`] === 'Mike Johnson')!
    const tom = decisions.find((d) => d.reason === 'inactive')!
    const answers: MatchDecision[] = [
      { kind: 'contact', localId: mike.localIds[0]!, qboId: mikeQbo },
      { kind: 'contact', localId: beth.localIds[0]!, qboId: null },
      { kind: 'contact', localId: tom.localIds[0]!, qboId: tom.qboIds[0]! },
    ]
    const summary = await runInitialSync(session.value, answers, w.deps())
    expect(summary).toMatchObject({ pulled: 17, linked: 17 })
    // Keeping Beth apart creates a second "Beth Anderson", which QuickBooks refuses (names are unique): a red row
    // naming the clashing customer and offering rename or link.
    const errors = (await w.db.syncLog.toArray()).filter((l) => l.status === 'error')
    const bethQbo = beth.qboIds[0]!
    expect(errors.filter((l) => l.kind === 'contact').map((l) => [l.label, l.qboId, l.details])).toEqual([
      [
        'Beth Anderson',
        bethQbo,
        `QuickBooks already has a customer named "Beth Anderson" (Id ${bethQbo}). Rename this contact, or link it to that customer. Field: DisplayName.`,
      ],
    ])
    // Linking Tom to the inactive customer made it active again, as decided.
    expect((await w.entities('Customer')).find((c) => c.Id === tom.qboIds[0])).toMatchObject({
      DisplayName: 'Tom Nguyen',
      Active: true,
    })
    expect((await w.db.mappings.toArray()).find((m) => m.localId === tom.localIds[0])?.qboId).toBe(tom.qboIds[0])
    expect(
      (await w.db.syncLog.toArray()).some((l) => l.localId === tom.localIds[0] && /Made active again/.test(l.details)),
    ).toBe(true)
    // Taxed invoices carry the app's tax (TxnTaxDetail.TotalTax), so QuickBooks' totals are ours and every payment applies.
    expect(errors.filter((l) => l.kind !== 'contact')).toEqual([])
    expect(summary.stoppedBy).toBeUndefined()
    const qboInvoices = new Map((await w.entities('Invoice')).map((q) => [q.Id, q]))
    const invoiceMappings = (await w.db.mappings.toArray()).filter((m) => m.kind === 'invoice')
    const localInvoices = await w.db.invoices.toArray()
    const sent = invoiceMappings.map((m) => ({
      inv: localInvoices.find((i) => i.id === m.localId)!,
      q: qboInvoices.get(m.qboId)!,
    }))
    expect(sent.filter(({ inv }) => inv.tax > 0).length).toBeGreaterThan(0)
    for (const { inv, q } of sent)
      expect([inv.number, Math.round(Number(q['TotalAmt']) * 100)]).toEqual([inv.number, inv.total])
    const paymentMappings = (await w.db.mappings.toArray()).filter((m) => m.kind === 'payment')
    expect(paymentMappings).toHaveLength(await w.db.payments.count())

    const after = await w.entities('Customer')
    expect(dupes(names(after, 'DisplayName'))).toEqual([])
    const created = after.length - before.length
    const mappings = await w.db.mappings.toArray()
    expect(
      mappings.filter((m) => m.kind === 'contact' && Number(m.qboId) > Math.max(...before.map((c) => Number(c.Id)))),
    ).toHaveLength(created)
    expect(mappings.find((m) => m.localId === mike.localIds[0])?.qboId).toBe(mikeQbo)
    expect(dupes(names(await w.entities('Invoice'), 'DocNumber'))).toEqual([])
    const log = await w.db.syncLog.toArray()
    expect([...new Set(log.map((l) => l.status))].sort()).toEqual(['error', 'matched', 'skipped', 'synced'])
    // Every contact is linked, created, or listed as waiting for the user.
    for (const c of await w.db.contacts.toArray()) expect(log.some((l) => l.localId === c.id)).toBe(true)
  })
})

describe('pushes against the emulator', () => {
  it('creates, updates and voids contacts, items, invoices and payments', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Nora', familyName: 'Quist', email: 'nora@example.com' }))
    const item = unwrap(await createItem(w.db, { name: 'Backflow Test', unitPrice: 9_500 }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: c.id,
          lines: [{ itemId: item.id, name: 'Backflow Test', qty: 1000, unitPrice: 9_500 }],
          finalize: true,
        },
      ]),
    )
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 5_000,
        method: 'check',
        applications: [{ invoiceId: inv!.id, amount: 5_000 }],
      }),
    )
    const accounts = { income: '1', deposit: '5' }
    const first = await push(w.deps({ accounts }))
    expect(first.summary).toMatchObject({ synced: 4, failed: 0 })

    unwrap(await updateContact(w.db, c.id, { phone: '(916) 555-0199' }))
    unwrap(await updateItem(w.db, item.id, { unitPrice: 9_900 }))
    const second = await push(w.deps({ accounts }))
    expect(second.summary).toMatchObject({ synced: 2, failed: 0 })
    unwrap(await deletePayment(w.db, pay.id))
    unwrap(await voidInvoice(w.db, inv!.id))
    const third = await push(w.deps({ accounts }))
    expect(third.summary).toMatchObject({ synced: 2, failed: 0 })

    const qc = (await w.entities('Customer')).find((x) => x['DisplayName'] === 'Nora Quist')!
    expect(qc).toMatchObject({ PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
    expect((await w.entities('Item')).find((x) => x['Name'] === 'Backflow Test')).toMatchObject({ UnitPrice: 99 })
    const qi = (await w.entities('Invoice')).find((x) => (x['CustomerRef'] as { value: string }).value === qc.Id)!
    expect(qi['TotalAmt']).toBe(0)
    const payments = (await w.entities('Payment')).filter(
      (p) => (p['CustomerRef'] as { value: string }).value === qc.Id,
    )
    expect(payments).toHaveLength(1)
    expect(payments[0]!['TotalAmt']).toBe(0)
    expect(await w.db.outbox.count()).toBe(0)
  })

  it('shows a duplicate name as a red row naming the clashing record (inactive ones too), and keeps it queued', async () => {
    unwrap(await createContact(w.db, { givenName: 'Amy', familyName: 'Chen' }))
    unwrap(await createContact(w.db, { givenName: 'Tom', familyName: 'Nguyen' }))
    const { summary } = await push(w.deps())
    expect(summary.failed).toBe(2)
    expect((await w.db.outbox.toArray()).map((r) => r.lastError?.code)).toEqual(['6240', '6240'])
    const rows = (await w.db.syncLog.toArray())
      .filter((l) => l.status === 'error')
      .map((l) => [l.label, l.qboId, l.details])
      .sort()
    expect(rows).toEqual([
      [
        'Amy Chen',
        '1',
        'QuickBooks already has a customer named "Amy Chen" (Id 1). Rename this contact, or link it to that customer. Field: DisplayName.',
      ],
      [
        'Tom Nguyen',
        '10',
        'QuickBooks already has an inactive customer named "Tom Nguyen" (Id 10). Rename this contact, or link it to that customer, which makes it active again. Field: DisplayName.',
      ],
    ])

    // The user picks "link" on Tom's row: the contact adopts customer 10, which becomes active again.
    const tom = (await w.db.contacts.toArray()).find((c) => c.displayName === 'Tom Nguyen')!
    expect(await linkExisting(w.deps(), { kind: 'contact', localId: tom.id, qboId: '10' })).toEqual({
      ok: true,
      value: { qboId: '10', reactivated: true },
    })
    expect((await w.entities('Customer')).find((c) => c.Id === '10')).toMatchObject({
      DisplayName: 'Tom Nguyen',
      Active: true,
    })
    expect((await w.db.mappings.toArray()).find((m) => m.localId === tom.id)).toMatchObject({
      qboId: '10',
      status: 'synced',
    })
    expect((await w.db.outbox.toArray()).map((r) => r.localId)).not.toContain(tom.id)
    // Linking twice is refused; the next push sends nothing for Tom and still stops on Amy's name.
    expect(await linkExisting(w.deps(), { kind: 'contact', localId: tom.id, qboId: '10' })).toMatchObject({
      ok: false,
      error: { code: 'already-linked' },
    })
    expect((await push(w.deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    expect((await w.entities('Customer')).filter((c) => c['DisplayName'] === 'Tom Nguyen')).toHaveLength(1)
  })

  it('ends with one record, not two, when the emulator drops the answer after committing each write', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 3, kinds: ['dropAfterWrite'] })
    for (const n of ['Olive', 'Pete', 'Quinn']) unwrap(await createContact(w.db, { givenName: n, familyName: 'Drop' }))
    const first = await push(w.deps({ maxAttempts: 2 }))
    expect(first.summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    w.clock.advance(3600_000)
    const second = await push(w.deps())
    expect(second.summary.synced).toBe(3)
    const drops = (await w.entities('Customer')).filter((x) => String(x['DisplayName']).endsWith(' Drop'))
    expect(names(drops, 'DisplayName')).toEqual(['Olive Drop', 'Pete Drop', 'Quinn Drop'])
  })
  it('keeps edits made while the creates were unanswered: QuickBooks replays the first answer, then takes the edits', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 5, kinds: ['dropAfterWrite'] })
    const c = unwrap(await createContact(w.db, { givenName: 'Rita', familyName: 'Lost', phone: '(916) 555-0101' }))
    const item = unwrap(await createItem(w.db, { name: 'Lost Edit Valve', unitPrice: 4_000 }))
    const accounts = { income: '1' }
    expect((await push(w.deps({ maxAttempts: 1, accounts }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    unwrap(await updateContact(w.db, c.id, { phone: '(916) 555-0199' }))
    unwrap(await updateItem(w.db, item.id, { unitPrice: 4_500 }))
    for (let i = 0; i < 3 && (await w.db.outbox.count()) > 0; i++) {
      w.clock.advance(3600_000)
      await push(w.deps({ accounts }))
    }
    expect(await w.db.outbox.count()).toBe(0)
    const customers = (await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Rita Lost')
    expect(customers).toHaveLength(1)
    expect(customers[0]).toMatchObject({ PrimaryPhone: { FreeFormNumber: '(916) 555-0199' } })
    const items = (await w.entities('Item')).filter((x) => x['Name'] === 'Lost Edit Valve')
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ UnitPrice: 45 })
    expect(await w.db.mappings.get(['contact', c.id])).toMatchObject({ qboId: customers[0]!.Id, syncedVersion: 2 })
  })

  it('finds an unanswered payment by its key once the requestid is too old to trust, links it, then sends the edit made since', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Sal', familyName: 'Twice' }))
    const item = unwrap(await createItem(w.db, { name: 'Twice Valve', unitPrice: 20_000 }))
    const [inv] = unwrap(
      await createInvoices(w.db, [
        {
          contactId: c.id,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 20_000 }],
          finalize: true,
        },
      ]),
    )
    const accounts = { income: '1', deposit: '5' }
    expect((await push(w.deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const pay = unwrap(
      await recordPayment(w.db, {
        contactId: c.id,
        date: '2026-03-01',
        amount: 8_000,
        method: 'check',
        memo: 'Left with the office',
        applications: [{ invoiceId: inv!.id, amount: 8_000 }],
      }),
    )
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, { probability: 1, seed: 5, kinds: ['dropAfterWrite'] })
    expect((await push(w.deps({ accounts, maxAttempts: 1 }))).summary.synced).toBe(0)
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    unwrap(await updatePaymentDetails(w.db, pay.id, { date: '2026-03-02', reference: '5521' }))
    w.clock.advance(48 * 3600_000)
    for (let i = 0; i < 3 && (await w.db.outbox.count()) > 0; i++) await push(w.deps({ accounts }))
    expect(await w.db.outbox.count()).toBe(0)
    const customer = (await w.entities('Customer')).find((x) => x['DisplayName'] === 'Sal Twice')!
    const payments = (await w.entities('Payment')).filter(
      (p) => (p['CustomerRef'] as { value: string }).value === customer.Id,
    )
    expect(payments).toHaveLength(1)
    expect(payments[0]).toMatchObject({
      TxnDate: '2026-03-02',
      PaymentRefNum: '5521',
      TotalAmt: 80,
      PrivateNote: `Left with the office\nFieldsync payment ${pay.id}`,
    })
    expect(await w.db.mappings.get(['payment', pay.id])).toMatchObject({ qboId: payments[0]!.Id, syncedVersion: 2 })
    const invoice = (await w.entities('Invoice')).find(
      (x) => (x['CustomerRef'] as { value: string }).value === customer.Id,
    )!
    expect(invoice['Balance']).toBe(120)
  })
})

describe('the runner stopped at 20 random points during a push', () => {
  it('ends with no duplicate, nothing missing and every edit in the emulator, resuming each time on the same IndexedDB', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/chaos`, {
      probability: 0.2,
      seed: 11,
      kinds: ['dropAfterWrite', 'http500'],
    })
    // Seeded, so the run repeats; seeds 13, 42, 99 and 2024 also end correct, but their resumes after a long gap
    // happen to reach no payment through a lookup, which the last assertion asks to see.
    let seed = 7
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    let budget = Infinity
    let dead = false
    let deaths = 0
    const die = () => {
      if (dead) throw new Error('process is dead')
      if (budget-- <= 0) {
        deaths++
        dead = true
        throw new Error('process died')
      }
    }
    const g = w.gateway
    const gateway: typeof g = {
      query: (s) => {
        die()
        return g.query(s)
      },
      read: (e, id) => {
        die()
        return g.read(e, id)
      },
      write: (e, o, b, r) => {
        die()
        return g.write(e, o, b, r)
      },
      batch: (i, r) => {
        die()
        return g.batch(i, r)
      },
      cdc: (e, s) => {
        die()
        return g.cdc(e, s)
      },
    }
    const base = w.deps().store
    const store: typeof base = {
      snapshot: () => base.snapshot(),
      readLog: () => base.readLog(),
      log: (r) => base.log(r),
      setCheckpoint: (c, r) => base.setCheckpoint(c, r),
      settings: () => base.settings(),
      moveInvoiceNumberPast: (d) => base.moveInvoiceNumberPast(d),
      claim: (c) => {
        die()
        return base.claim(c)
      },
      settle: (s) => {
        die()
        return base.settle(s)
      },
    }
    const item = unwrap(await createItem(w.db, { name: 'Crash Test Item', unitPrice: 2_000 }))
    const accounts = { income: '1', deposit: '5' }
    // What each round created, and the latest values edited here since: QuickBooks must end with exactly these.
    const rounds: {
      name: string
      number: string
      contactId: LocalId
      paymentId: LocalId
      phone?: string
      date: string
      reference?: string
    }[] = []
    for (let round = 0; deaths < 20 && round < 80; round++) {
      const c = unwrap(await createContact(w.db, { givenName: `Crash${round}`, familyName: 'Stop' }))
      const [inv] = unwrap(
        await createInvoices(w.db, [
          {
            contactId: c.id,
            lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 2_000 }],
            finalize: true,
          },
        ]),
      )
      const pay = unwrap(
        await recordPayment(w.db, {
          contactId: c.id,
          date: '2026-03-01',
          amount: 1_500,
          applications: [{ invoiceId: inv!.id, amount: 1_500 }],
        }),
      )
      rounds.push({ name: c.displayName, number: inv!.number!, contactId: c.id, paymentId: pay.id, date: pay.date })
      budget = Math.floor(rand() * 14)
      dead = false
      await push(w.deps({ store, gateway, concurrency: 2, maxAttempts: 2, accounts }), { batchSize: 2 }).catch(
        () => undefined,
      )
      // Edits between the crash and the resume, mostly to this round's records (likeliest still in flight).
      if (rand() < 0.6) {
        const r = rand() < 0.7 ? rounds[rounds.length - 1]! : rounds[Math.floor(rand() * rounds.length)]!
        if (rand() < 0.5) {
          r.phone = `(916) 555-01${String(round).padStart(2, '0')}`
          unwrap(await updateContact(w.db, r.contactId, { phone: r.phone }))
        } else {
          r.date = `2026-03-${String(2 + (round % 9)).padStart(2, '0')}`
          r.reference = `R${round}`
          unwrap(await updatePaymentDetails(w.db, r.paymentId, { date: r.date, reference: r.reference }))
        }
      }
      w.clock.advance(rand() < 0.3 ? 48 * 3600_000 : 5_000)
    }
    budget = Infinity
    dead = false
    await w.admin('DELETE', `/companies/${w.realmId}/chaos`)
    for (let i = 0; i < 6 && (await w.db.outbox.count()) > 0; i++) {
      w.clock.advance(3600_000)
      await push(w.deps({ accounts }))
    }
    expect(deaths).toBe(20)
    expect(await w.db.outbox.count()).toBe(0)
    const customers = (await w.entities('Customer')).filter((x) => String(x['DisplayName']).endsWith(' Stop'))
    expect(customers).toHaveLength(rounds.length)
    expect(dupes(names(customers, 'DisplayName'))).toEqual([])
    expect((await w.entities('Item')).filter((x) => x['Name'] === 'Crash Test Item')).toHaveLength(1)
    const ours = new Set(customers.map((x) => x.Id))
    const invoices = (await w.entities('Invoice')).filter((x) =>
      ours.has((x['CustomerRef'] as { value: string }).value),
    )
    expect(names(invoices, 'DocNumber')).toEqual(rounds.map((r) => r.number).sort())
    const payments = (await w.entities('Payment')).filter((x) =>
      ours.has((x['CustomerRef'] as { value: string }).value),
    )
    expect(payments).toHaveLength(rounds.length)
    expect(rounds.filter((r) => r.phone !== undefined || r.reference !== undefined).length).toBeGreaterThan(5)
    for (const r of rounds) {
      const customer = customers.find((x) => x['DisplayName'] === r.name)!
      expect([r.name, (customer['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber]).toEqual([
        r.name,
        r.phone,
      ])
      const theirs = payments.filter((p) => (p['CustomerRef'] as { value: string }).value === customer.Id)
      expect([r.name, theirs.map((p) => [p['TxnDate'], p['PaymentRefNum'], p['TotalAmt']])]).toEqual([
        r.name,
        [[r.date, r.reference, 15]],
      ])
    }
    // The resumes after a long gap went through the lookups, payments' included, rather than resending.
    const found = (await w.db.syncLog.toArray())
      .filter((l) => /already in QuickBooks/.test(l.details))
      .map((l) => l.kind)
    expect(found.filter((k) => k === 'payment').length).toBeGreaterThan(0)
  })
})
