import { describe, expect, it } from 'vitest'
import { diffCompanies, totals, type CompanyState, type Json } from './company-diff.ts'

const meta = { CreateTime: '2026-03-01T09:00:00-08:00', LastUpdatedTime: '2026-03-01T09:00:00-08:00' }
const customer = (Id: string, DisplayName: string, extra: Json = {}): Json => ({
  Id,
  SyncToken: '0',
  MetaData: meta,
  DisplayName,
  ...extra,
})
const item = (Id: string, Name: string): Json => ({ Id, SyncToken: '0', Name, UnitPrice: 50 })
const invoice = (Id: string, DocNumber: string, customerId: string, itemId: string, extra: Json = {}): Json => ({
  Id,
  SyncToken: '0',
  MetaData: meta,
  DocNumber,
  TxnDate: '2026-03-01',
  CustomerRef: { value: customerId },
  Line: [
    { Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 2 } },
  ],
  TotalAmt: 100,
  ...extra,
})
const payment = (Id: string, ref: string, customerId: string, invoiceId: string): Json => ({
  Id,
  PaymentRefNum: ref,
  TxnDate: '2026-03-01',
  TotalAmt: 100,
  CustomerRef: { value: customerId },
  Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }],
})

/** The same company as `clean` but created in another order, so every Id differs. */
const clean: CompanyState = {
  entities: {
    Customer: [customer('1', 'Ann Lee'), customer('2', 'Bo Diaz')],
    Item: [item('1', 'Mowing')],
    Invoice: [invoice('10', 'A1', '1', '1'), invoice('11', 'A2', '2', '1')],
    Payment: [payment('20', 'P1', '2', '11')],
  },
}
const reordered: CompanyState = {
  entities: {
    Customer: [customer('7', 'Bo Diaz'), customer('8', 'Ann Lee')],
    Item: [item('3', 'Mowing')],
    Invoice: [invoice('40', 'A2', '7', '3'), invoice('41', 'A1', '8', '3')],
    Payment: [payment('50', 'P1', '7', '40')],
  },
}

describe('diffCompanies', () => {
  it('finds two companies equal when only ids, SyncTokens and MetaData differ', () => {
    const diff = diffCompanies(clean, {
      entities: {
        ...reordered.entities,
        Customer: reordered.entities.Customer!.map((c) => ({ ...c, SyncToken: '3', MetaData: {} })),
      },
    })
    expect(totals(diff)).toEqual({ duplicates: 0, lost: 0, differing: 0 })
    expect(diff['Invoice']!.records).toBe(2)
  })

  it('counts a second copy of an invoice as a duplicate and a missing payment as lost', () => {
    const diff = diffCompanies(clean, {
      entities: {
        ...reordered.entities,
        Invoice: [...reordered.entities.Invoice!, invoice('42', 'A1', '8', '3')],
        Payment: [],
      },
    })
    expect(diff['Invoice']).toMatchObject({ duplicates: 1, lost: 0, differing: 0 })
    expect(diff['Payment']).toMatchObject({ lost: 1 })
    expect(totals(diff)).toEqual({ duplicates: 1, lost: 1, differing: 0 })
  })

  it('sees a field that differs, and a reference that points at another record', () => {
    const phone = {
      ...reordered,
      entities: {
        ...reordered.entities,
        Customer: [customer('7', 'Bo Diaz', { PrimaryPhone: { FreeFormNumber: '555' } }), customer('8', 'Ann Lee')],
      },
    }
    expect(diffCompanies(clean, phone)['Customer']).toMatchObject({ differing: 1, duplicates: 0, lost: 0 })
    // The payment applied to Ann's invoice instead of Bo's: same key, different LinkedTxn.
    const misapplied = { entities: { ...reordered.entities, Payment: [payment('50', 'P1', '7', '41')] } }
    expect(diffCompanies(clean, misapplied)['Payment']).toMatchObject({ differing: 1 })
    // An invoice billed to the other customer is keyed differently: one lost, one extra.
    const rebilled = {
      entities: { ...reordered.entities, Invoice: [invoice('40', 'A2', '8', '3'), invoice('41', 'A1', '8', '3')] },
    }
    expect(diffCompanies(clean, rebilled)['Invoice']).toMatchObject({ lost: 1, duplicates: 1 })
  })
})
