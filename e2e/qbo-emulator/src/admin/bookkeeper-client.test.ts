import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../app.ts'
import { createManualClock } from '../clock.ts'
import { createCompanies, type ChangeEvent, type Companies } from '../company/index.ts'
import { listen, type Listening } from '../listen.ts'
import { SMALL_REALM_ID } from '../seeds/small.ts'
import { bookkeeperClient, must, resetCompanies, type Bookkeeper } from './bookkeeper-client.ts'

// The journeys' bookkeeper against a running emulator: each action lands with the notice QuickBooks sends.
let server: Listening
let companies: Companies
let events: ChangeEvent[]
let qb: Bookkeeper
beforeEach(async () => {
  const clock = createManualClock(Date.parse('2026-03-01T18:00:00Z'))
  companies = createCompanies({ clock, seed: 'small' })
  server = await listen(createEmulator({ companies, clock }))
  events = []
  companies.onChange((e) => events.push(e))
  qb = bookkeeperClient({ realmId: SMALL_REALM_ID, origin: server.url })
})
afterEach(() => server.close())

const notices = () => events.map((e) => [e.entity, e.operation, e.id, ...(e.deletedId ? [e.deletedId] : [])])

describe('bookkeeper client', () => {
  it('creates an invoice with a brand-new item, then a payment applied to it through LinkedTxn', async () => {
    const inv = must(
      await qb.createInvoice({
        customerId: '1',
        lines: [
          { newItem: { Name: 'Gutter Guard' }, qty: 2, unitPrice: 45 },
          { itemId: '1', qty: 1, unitPrice: 89 },
        ],
      }),
    )
    expect(inv).toMatchObject({ DocNumber: '1031', TotalAmt: 179, Balance: 179, CustomerRef: { value: '1' } })
    const item = (must(await qb.company()).entities.Item ?? []).find((i) => i.Name === 'Gutter Guard')
    expect(item).toMatchObject({ Type: 'Service', UnitPrice: 45, IncomeAccountRef: { value: '1' } })
    const pay = must(await qb.recordPayment({ customerId: '1', applyTo: [{ invoiceId: inv.Id, amount: 100 }] }))
    expect(pay).toMatchObject({ TotalAmt: 100, UnappliedAmt: 0 })
    expect(notices()).toEqual([
      ['Item', 'Create', item?.Id],
      ['Invoice', 'Create', inv.Id],
      ['Payment', 'Create', pay.Id],
      ['Invoice', 'Update', inv.Id],
    ])
  })

  it('edits, voids and deletes payments, moving the invoice balance back each time', async () => {
    const inv = must(await qb.createInvoice({ customerId: '1', lines: [{ itemId: '1', qty: 2, unitPrice: 50 }] }))
    const balance = async () =>
      (must(await qb.company()).entities.Invoice ?? []).find((i) => i.Id === inv.Id)?.Balance as number
    const p = must(await qb.recordPayment({ customerId: '1', applyTo: [{ invoiceId: inv.Id, amount: 100 }] }))
    expect(await balance()).toBe(0)
    must(await qb.editPayment(p.Id, { amount: 60, applyTo: [{ invoiceId: inv.Id, amount: 60 }] }))
    expect(await balance()).toBe(40)
    must(await qb.voidPayment(p.Id))
    expect(await balance()).toBe(100)
    const q = must(await qb.recordPayment({ customerId: '1', applyTo: [{ invoiceId: inv.Id, amount: 30 }] }))
    expect(must(await qb.deletePayment(q.Id))).toMatchObject({ Id: q.Id, status: 'Deleted' })
    expect(await balance()).toBe(100)
    expect(notices().filter(([e]) => e === 'Payment')).toEqual([
      ['Payment', 'Create', p.Id],
      ['Payment', 'Update', p.Id],
      ['Payment', 'Void', p.Id],
      ['Payment', 'Create', q.Id],
      ['Payment', 'Delete', q.Id],
    ])
  })

  it('voids and deletes invoices, a paid one too; makes a customer inactive; merges', async () => {
    const a = must(await qb.createInvoice({ customerId: '1', lines: [{ itemId: '1', qty: 1, unitPrice: 89 }] }))
    const b = must(await qb.createInvoice({ customerId: '1', lines: [{ itemId: '1', qty: 1, unitPrice: 89 }] }))
    must(await qb.recordPayment({ customerId: '1', applyTo: [{ invoiceId: b.Id, amount: 89 }] }))
    expect(must(await qb.voidInvoice(a.Id))).toMatchObject({ TotalAmt: 0, Balance: 0 })
    expect(must(await qb.deleteInvoice(b.Id))).toMatchObject({ Id: b.Id, status: 'Deleted' })
    expect(must(await qb.makeCustomerInactive('5'))).toMatchObject({ Id: '5', Active: false })
    expect(must(await qb.merge('customer', '4', '3'))).toMatchObject({ Id: '3' })
    // Deleting the paid invoice first unapplies its payment (an Update of the payment), as the QuickBooks UI does.
    expect(notices().slice(-4)).toEqual([
      ['Payment', 'Update', expect.any(String)],
      ['Invoice', 'Delete', b.Id],
      ['Customer', 'Update', '5'],
      ['Customer', 'Merge', '3', '4'],
    ])
    expect(notices()).toContainEqual(['Invoice', 'Void', a.Id])
  })

  it('answers refusals as values with Intuit’s fault, and unreachable emulators as such', async () => {
    must(await qb.setNumbering({ customTxnNumbers: true }))
    const r = await qb.createInvoice({
      customerId: '1',
      docNumber: '1001',
      lines: [{ itemId: '1', qty: 1, unitPrice: 89 }],
    })
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected', fault: { errors: [{ code: '6140' }] } } })
    expect(() => must(r)).toThrow(/6140|Duplicate Document Number/)
    const p = must(await qb.recordPayment({ customerId: '1', amount: 10, applyTo: [] }))
    must(await qb.deposit([p.Id]))
    expect(await qb.deletePayment(p.Id)).toMatchObject({ ok: false, error: { fault: { errors: [{ code: '6540' }] } } })
    expect(await bookkeeperClient({ realmId: '1', origin: server.url }).voidInvoice('1')).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    })
    const down = bookkeeperClient({ realmId: '1', origin: 'http://127.0.0.1:9' })
    expect(await down.company()).toMatchObject({ ok: false, error: { kind: 'unreachable' } })
  })

  it('resets the emulator to a named seed', async () => {
    expect(must(await resetCompanies('none', server.url))).toEqual([])
    expect(must(await resetCompanies(undefined, server.url)).length).toBe(2)
  })
})
