import { describe, expect, it } from 'vitest'
import type { Contact, Invoice, Item, Job, Payment } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import { invoiceKey } from '../map/invoice-key.ts'
import { paymentKey } from '../map/payment.ts'
import { missingRefs } from './fold.ts'
import {
  AT,
  ANN,
  BO,
  INV,
  LABOR,
  baseWith,
  inv,
  fold,
  mapping,
  testLocalId,
  qboInvoice,
  qboPayment,
  records,
} from './fold-fixtures.ts'

const logOf = (out: ReturnType<typeof fold>) => out.settlements.flatMap((s) => s.log.map((l) => l.details))

describe('customers, jobs and items from QuickBooks', () => {
  it('creates a new customer, its job and a new item here, linked', () => {
    const out = fold(baseWith(), {
      Customer: [
        { Id: '81', SyncToken: '0', DisplayName: 'Kitchen', Job: true, ParentRef: { value: '77' } },
        { Id: '77', SyncToken: '0', DisplayName: 'Cy Park' },
      ],
      Item: [{ Id: '9', SyncToken: '0', Name: 'Valve', Type: 'NonInventory', UnitPrice: 12.5 }],
    })
    const [cy] = records<Contact>(out, 'contact')
    expect(cy).toMatchObject({ displayName: 'Cy Park' })
    expect(records<Job>(out, 'job')).toMatchObject([{ name: 'Kitchen', contactId: cy!.id, status: 'open' }])
    expect(records<Item>(out, 'item')).toMatchObject([{ name: 'Valve', type: 'product', unitPrice: 1250 }])
    expect(out.settlements.map((s) => [s.mapping?.kind, s.mapping?.qboId])).toStrictEqual([
      ['contact', '77'],
      ['job', '81'],
      ['item', '9'],
    ])
    expect(out.created).toBe(3)
  })

  it('takes an update and a deactivation of linked ones', () => {
    const out = fold(baseWith(), {
      Customer: [
        {
          Id: '58',
          SyncToken: '2',
          DisplayName: 'Ann Lee',
          Active: false,
          MetaData: { LastUpdatedTime: '2026-03-01T09:00:00Z' },
        },
      ],
      Item: [
        {
          Id: '5',
          SyncToken: '2',
          Name: 'Labor',
          Type: 'Service',
          UnitPrice: 120,
          MetaData: { LastUpdatedTime: '2026-03-01T09:00:00Z' },
        },
      ],
    })
    expect(records<Contact>(out, 'contact')).toMatchObject([{ id: ANN, active: false }])
    expect(records<Item>(out, 'item')).toMatchObject([{ id: LABOR, unitPrice: 12_000 }])
    expect(logOf(out)).toContain('Made inactive in QuickBooks')
  })
})

describe('a merge in QuickBooks', () => {
  const payment: Payment = {
    id: testLocalId(9),
    version: 1,
    updatedAt: '2026-02-01T00:00:00.000Z',
    contactId: ANN,
    date: '2026-02-20',
    amount: 4000,
    method: 'cash',
    applications: [{ invoiceId: INV, amount: 4000 }],
  }
  const base = () => baseWith({ payments: [payment] }, { mappings: [mapping('payment', testLocalId(9), '300')] })

  it('follows the merged-away customer to the survivor: records re-pointed, link retired, one log row', () => {
    const out = fold(base(), {
      Customer: [{ Id: '58', status: 'Deleted' }],
      Invoice: [qboInvoice({ CustomerRef: { value: '59' }, SyncToken: '3' })],
      Payment: [qboPayment({ CustomerRef: { value: '59' }, SyncToken: '1' })],
    })
    const merged = out.settlements.find((s) => s.mapping?.kind === 'contact')!
    expect(merged.mapping).toMatchObject({ qboId: '58', status: 'unlinked' })
    expect(merged.log).toHaveLength(1)
    expect(merged.log[0]!.details).toMatch(/^Merged in QuickBooks into .*1 invoice\(s\), 1 payment\(s\)/)
    const here = (kind: string, id: string) =>
      records<{ id: string; contactId: string }>(out, kind)
        .filter((r) => r.id === id)
        .at(-1)
    expect(here('invoice', INV)?.contactId).toBe(BO)
    expect(here('payment', testLocalId(9))?.contactId).toBe(BO)
    expect(records<Contact>(out, 'contact').find((c) => c.id === ANN)).toMatchObject({ active: false })
  })

  it('lets the merged-away contact stand for a survivor not here yet', () => {
    const b = baseWith()
    b.mappings = b.mappings.filter((m) => m.qboId !== '59')
    const out = fold(b, {
      Customer: [{ Id: '58', SyncToken: '3', DisplayName: 'Ann Lee (deleted)', Active: false }],
      Invoice: [qboInvoice({ CustomerRef: { value: '60', name: 'Ann Lee-Park' }, SyncToken: '3' })],
    })
    expect(out.settlements.some((s) => s.mapping?.kind === 'contact' && s.mapping.qboId === '60')).toBe(true)
    expect(records<Invoice>(out, 'invoice').at(-1)).toMatchObject({ contactId: ANN })
  })
})

describe('invoices from QuickBooks', () => {
  it('creates an invoice of its customer with its lines, items matched by Id', () => {
    const out = fold(baseWith(), {
      Invoice: [
        qboInvoice({
          Id: '140',
          SyncToken: '0',
          DocNumber: '1031',
          TotalAmt: 150,
          Balance: 150,
          Line: [
            {
              Id: '1',
              DetailType: 'SalesItemLineDetail',
              Amount: 100,
              Description: 'Two hours',
              SalesItemLineDetail: { ItemRef: { value: '5' }, Qty: 2, UnitPrice: 50 },
            },
            { Id: '2', DetailType: 'DiscountLineDetail', Amount: 10, DiscountLineDetail: { PercentBased: false } },
            {
              Id: '3',
              DetailType: 'SalesItemLineDetail',
              Amount: 60,
              SalesItemLineDetail: { ItemRef: { value: '9', name: 'Valve' }, Qty: 1, UnitPrice: 60 },
            },
          ],
        }),
      ],
    })
    const [created] = records<Invoice>(out, 'invoice')
    expect(created).toMatchObject({
      number: '1031',
      contactId: ANN,
      status: 'finalized',
      total: 15_000,
      balance: 15_000,
      lines: [
        { itemId: LABOR, name: 'Labor', description: 'Two hours', qty: 2000, unitPrice: 5000, amount: 10_000 },
        { name: 'Valve', qty: 1000, amount: 6000 },
      ],
    })
    expect(out.docNumbers).toStrictEqual(['1031'])
  })

  it('takes QuickBooks’ version of a linked invoice, keeps it while an edit is queued, voids and deletes', () => {
    const edited = qboInvoice({ DueDate: '2026-04-01', TotalAmt: 120, Balance: 120 })
    expect(records<Invoice>(fold(baseWith(), { Invoice: [edited] }), 'invoice')).toMatchObject([
      { id: INV, dueDate: '2026-04-01', total: 12_000, version: 2 },
    ])
    const queued = fold(baseWith({}, { outbox: [{ kind: 'invoice', localId: INV }] }), { Invoice: [edited] })
    expect(records<Invoice>(queued, 'invoice')).toMatchObject([{ dueDate: '2026-03-01', balance: 12_000 }])
    const voided = qboInvoice({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided', Line: [] })
    expect(records<Invoice>(fold(baseWith(), { Invoice: [voided] }), 'invoice')).toMatchObject([
      { status: 'void', balance: 0 },
    ])
    const gone = fold(baseWith(), { Invoice: [{ Id: '130', status: 'Deleted' }] })
    expect(gone.settlements[0]).toMatchObject({ mapping: { status: 'unlinked' } })
    expect(records<Invoice>(gone, 'invoice')[0]?.deletedAt).toBe('2026-03-01T10:00:00.000Z')
    // An edit still on its way is not dropped: its push meets QuickBooks' refusal and the user chooses.
    const edit = fold(baseWith({}, { outbox: [{ kind: 'invoice', localId: INV, seq: 7 } as never] }), {
      Invoice: [{ Id: '130', status: 'Deleted' }],
    })
    expect(edit.settlements).toEqual([])
  })

  it('keeps the tablet’s unsent payments off QuickBooks’ balance', () => {
    const unsent: Payment = {
      id: testLocalId(10),
      version: 1,
      updatedAt: '2026-02-01T00:00:00.000Z',
      contactId: ANN,
      date: '2026-02-28',
      amount: 3000,
      method: 'cash',
      applications: [{ invoiceId: INV, amount: 3000 }],
    }
    const b = baseWith({ payments: [unsent] }, { outbox: [{ kind: 'payment', localId: testLocalId(10) }] })
    // The bookkeeper took 40.00 there; 30.00 taken here is still on its way.
    const out = fold(b, { Invoice: [qboInvoice({ Balance: 60 })] })
    expect(records<Invoice>(out, 'invoice')).toMatchObject([{ balance: 3000 }])
  })

  const sentPayment = (over: Partial<Payment> = {}): Payment => ({
    id: testLocalId(11),
    version: 2,
    updatedAt: '2026-02-01T00:00:00.000Z',
    contactId: ANN,
    date: '2026-02-20',
    amount: 4000,
    method: 'cash',
    applications: [{ invoiceId: INV, amount: 4000 }],
    ...over,
  })
  const sentBase = (p: Payment) => {
    const b = baseWith({ payments: [p] }, { outbox: [{ kind: 'payment', localId: p.id }] })
    const m = { ...mapping('payment', p.id, '301'), snapshot: { applications: [{ invoiceId: INV, amount: 4000 }] } }
    return { ...b, mappings: [...b.mappings, m] }
  }

  it('gives back a sent payment’s money while its delete is still queued', () => {
    // QuickBooks still counts the 40.00 the tablet has deleted; the delete is on its way.
    const out = fold(sentBase(sentPayment({ deletedAt: AT })), { Invoice: [qboInvoice({ Balance: 60 })] })
    expect(records<Invoice>(out, 'invoice')).toMatchObject([{ balance: 10_000 }])
  })

  it('counts only the change of a sent payment edited here', () => {
    // Sent as 40.00, now 25.00 here: QuickBooks' 60.00 goes up by the 15.00 not yet sent back.
    const edited = sentPayment({ amount: 2500, applications: [{ invoiceId: INV, amount: 2500 }] })
    const out = fold(sentBase(edited), { Invoice: [qboInvoice({ Balance: 60 })] })
    expect(records<Invoice>(out, 'invoice')).toMatchObject([{ balance: 7500 }])
  })

  it('leaves QuickBooks’ balance alone for a sent payment with nothing queued', () => {
    const b = sentBase(sentPayment())
    const out = fold({ ...b, outbox: [] }, { Invoice: [qboInvoice({ Balance: 60 })] })
    expect(records<Invoice>(out, 'invoice')).toMatchObject([{ balance: 6000 }])
  })
})

describe('payments from QuickBooks', () => {
  const linked = (p: Partial<Payment> = {}) =>
    baseWith(
      {
        payments: [
          {
            id: testLocalId(9),
            version: 1,
            updatedAt: '2026-02-01T00:00:00.000Z',
            contactId: ANN,
            date: '2026-02-20',
            amount: 4000,
            method: 'other',
            applications: [{ invoiceId: INV, amount: 4000 }],
            ...p,
          },
        ],
      },
      { mappings: [mapping('payment', testLocalId(9), '300', '0')] },
    )

  it('creates a payment applied to the invoices its LinkedTxn names', () => {
    const out = fold(baseWith(), { Payment: [qboPayment()] })
    expect(records<Payment>(out, 'payment')).toMatchObject([
      { contactId: ANN, amount: 4000, date: '2026-02-20', applications: [{ invoiceId: INV, amount: 4000 }] },
    ])
  })

  it('follows an edit, a void and a delete', () => {
    const edited = fold(linked(), {
      Payment: [
        qboPayment({
          SyncToken: '1',
          TotalAmt: 50,
          Line: [{ Amount: 50, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
        }),
      ],
    })
    expect(records<Payment>(edited, 'payment')).toMatchObject([{ amount: 5000, applications: [{ amount: 5000 }] }])
    const voided = fold(linked(), {
      Payment: [qboPayment({ SyncToken: '1', TotalAmt: 0, PrivateNote: 'Voided', Line: [] })],
    })
    expect(records<Payment>(voided, 'payment')).toMatchObject([
      { applications: [], voidedAt: '2026-03-01T10:00:00.000Z' },
    ])
    const gone = fold(linked(), { Payment: [{ Id: '300', status: 'Deleted' }] })
    expect(records<Payment>(gone, 'payment')[0]?.deletedAt).toBeDefined()
    expect(logOf(gone)).toStrictEqual(['Deleted in QuickBooks; deleted here too'])
  })

  it('links again a payment this device sent, by the key in its note, instead of creating it twice', () => {
    const b = linked()
    b.mappings = b.mappings.filter((m) => m.kind !== 'payment')
    const out = fold(b, { Payment: [qboPayment({ PrivateNote: paymentKey(testLocalId(9)) })] })
    expect(out.created).toBe(0)
    expect(out.settlements[0]?.mapping).toMatchObject({ kind: 'payment', localId: testLocalId(9), qboId: '300' })
  })
})

describe('invoices this device sent', () => {
  it('links an unlinked invoice by the key in its note and takes QuickBooks’ number, adding no second copy', () => {
    const { number: _n, ...unnumbered } = inv
    const b = baseWith({ invoices: [unnumbered] })
    b.mappings = b.mappings.filter((m) => m.kind !== 'invoice')
    b.outbox = [{ kind: 'invoice', localId: INV }]
    const note = `Call before noon\n${invoiceKey(INV)}`
    const out = fold(b, { Invoice: [qboInvoice({ Id: '141', DocNumber: '1031', PrivateNote: note })] })
    expect(out.created).toBe(0)
    expect(out.settlements).toHaveLength(1)
    expect(out.settlements[0]?.mapping).toMatchObject({
      kind: 'invoice',
      localId: INV,
      qboId: '141',
      syncToken: '2',
      snapshot: { number: '1031' },
    })
    expect(records<Invoice>(out, 'invoice')).toMatchObject([{ id: INV, number: '1031' }])
    expect(logOf(out)).toStrictEqual(['Linked to QuickBooks invoice 141 (same invoice key)'])
  })

  it('adds an invoice whose key names no invoice here, or one already linked', () => {
    const b = baseWith()
    const out = fold(b, {
      Invoice: [
        qboInvoice({ Id: '141', DocNumber: '1031', PrivateNote: invoiceKey(testLocalId(77)) }),
        qboInvoice({ Id: '142', DocNumber: '1032', PrivateNote: invoiceKey(INV) }),
      ],
    })
    expect(out.created).toBe(2)
    expect(records<Invoice>(out, 'invoice').map((i) => i.number)).toStrictEqual(['1031', '1032'])
  })
})

describe('missingRefs', () => {
  it('names the customers and items pulled transactions need that are neither here nor pulled', () => {
    const page = {
      Invoice: [
        qboInvoice({
          Id: '141',
          CustomerRef: { value: '70' },
          Line: [
            { DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: '9' } } },
            { DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: '5' } } },
          ],
        }),
      ],
      Payment: [qboPayment({ CustomerRef: { value: '58' } })],
    }
    expect(missingRefs(baseWith(), [page as unknown as QboCdcQueryResponse])).toStrictEqual({
      Customer: ['70'],
      Item: ['9'],
    })
  })
})
