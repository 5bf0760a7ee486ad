import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { QboCustomerResponse, QboQueryResponse } from './envelopes.ts'
import { QboCustomer } from './customer.ts'
import { QboInvoice } from './invoice.ts'
import { QboItem } from './item.ts'
import { QboPayment } from './payment.ts'

const customer = {
  Id: '58',
  SyncToken: '3',
  DisplayName: 'Jones Plumbing',
  PrimaryEmailAddr: { Address: 'ap@jones.test', Verified: true },
  BillAddr: { Line1: '1 Main St', City: 'Bayshore', GeoAccuracy: 'ROOFTOP' },
  MetaData: { CreateTime: '2025-03-01T10:00:00-08:00', LastUpdatedTime: '2025-03-02T10:00:00-08:00' },
  FutureFlag: { nested: [1, 2, 3] },
}

const invoice = {
  Id: '130',
  SyncToken: '0',
  CustomerRef: { value: '58', name: 'Jones Plumbing' },
  Line: [
    {
      Id: '1',
      Amount: 240,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: '7' }, Qty: 2, UnitPrice: 120, ServiceDateRange: 'new' },
      CustomExtensions: [],
    },
    { Amount: 240, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
  ],
  TxnTaxDetail: { TotalTax: 0, TaxSummary: 'x' },
  TotalAmt: 240,
}

/** Issue paths and messages, for asserting on what a reader of the error would see. */
function issuesOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value)
  if (result.success) throw new Error('expected the parse to fail')
  return { paths: result.error.issues.map((i) => i.path.join('.')), pretty: z.prettifyError(result.error) }
}

describe('unknown fields', () => {
  it('survive a parse at every level of a customer', () => {
    const parsed = QboCustomer.parse(customer)
    expect(parsed).toStrictEqual(customer)
    expect(parsed['FutureFlag']).toStrictEqual({ nested: [1, 2, 3] })
    expect(parsed.BillAddr?.['GeoAccuracy']).toBe('ROOFTOP')
  })

  it('survive inside invoice lines and tax detail, and through JSON again', () => {
    const parsed = QboInvoice.parse(invoice)
    expect(JSON.parse(JSON.stringify(parsed))).toStrictEqual(invoice)
    const first = parsed.Line[0]
    expect(first?.DetailType === 'SalesItemLineDetail' && first.SalesItemLineDetail['ServiceDateRange']).toBe('new')
  })

  it('survive in envelopes, including entity kinds the app does not model', () => {
    const body = {
      QueryResponse: { Customer: [customer], Vendor: [{ Id: '9' }], startPosition: 1, maxResults: 1 },
      time: 't',
    }
    expect(QboQueryResponse.parse(body)).toStrictEqual(body)
  })
})

describe('rejections name the field', () => {
  it('a single-entity response without Id', () => {
    const { Id: _dropped, ...withoutId } = customer
    const { paths, pretty } = issuesOf(QboCustomerResponse, { Customer: withoutId, time: 't' })
    expect(paths).toStrictEqual(['Customer.Id'])
    expect(pretty).toContain('Customer.Id')
  })

  it('an Id that is not a QuickBooks id', () => {
    expect(issuesOf(QboCustomer, { ...customer, Id: 58 }).paths).toStrictEqual(['Id'])
    expect(issuesOf(QboCustomer, { ...customer, Id: 'abc' }).pretty).toContain('a QuickBooks Id is a string of digits')
  })

  it('money sent as text', () => {
    const { paths, pretty } = issuesOf(QboPayment, { Id: '1', CustomerRef: { value: '58' }, TotalAmt: '100.00' })
    expect(paths).toStrictEqual(['TotalAmt'])
    expect(pretty).toMatch(/expected number/i)
  })

  it('a payment without its required TotalAmt and CustomerRef', () => {
    expect(issuesOf(QboPayment, { Id: '1' }).paths.sort()).toStrictEqual(['CustomerRef', 'TotalAmt'])
  })

  it('an item without Name, or with an unknown Type', () => {
    expect(issuesOf(QboItem, { Id: '1', Type: 'Service' }).paths).toStrictEqual(['Name'])
    expect(issuesOf(QboItem, { Id: '1', Name: 'Hour', Type: 'Hourly' }).paths).toStrictEqual(['Type'])
  })

  it('an invoice line of an unknown kind, or missing its detail object', () => {
    const unknownKind = { ...invoice, Line: [{ Amount: 1, DetailType: 'MysteryLineDetail' }] }
    expect(issuesOf(QboInvoice, unknownKind).paths).toStrictEqual(['Line.0.DetailType'])
    const noDetail = { ...invoice, Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail' }] }
    expect(issuesOf(QboInvoice, noDetail).paths).toStrictEqual(['Line.0.SalesItemLineDetail'])
  })

  it('a date in the wrong format', () => {
    expect(issuesOf(QboInvoice, { ...invoice, TxnDate: '2025/03/01' }).pretty).toContain(
      'expected a date as YYYY-MM-DD',
    )
  })
})
