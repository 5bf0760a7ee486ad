/**
 * What the emulator answers parses with the shared wire schemas the sync engine reads with:
 * every seeded entity, and the envelopes of reads, queries, CDC, batch, deletes and faults.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  QboAccount,
  QboBatchResponse,
  QboCdcResponse,
  QboCompanyInfoResponse,
  QboCustomer,
  QboCustomerResponse,
  QboFaultResponse,
  QboInvoice,
  QboInvoiceDeleteResponse,
  QboItem,
  QboPayment,
  QboPaymentDeleteResponse,
  QboQueryResponse,
  faultCodeInfo,
} from '#shared/qbo/index.ts'
import { SMALL_COMPANY } from '../seeds/small.ts'
import { HISTORY_COMPANY } from '../seeds/history.ts'
import { QboWebhookNotification } from '#shared/qbo/webhook.ts'
import { buildPayload } from '../webhooks/payload.ts'
import { entityOf, REALM, testCompany } from './test-helpers.ts'

const SCHEMAS: [string, z.ZodType][] = [
  ['Customer', QboCustomer],
  ['Item', QboItem],
  ['Invoice', QboInvoice],
  ['Payment', QboPayment],
  ['Account', QboAccount],
]

function expectParses(schema: z.ZodType, value: unknown, what: string): void {
  const r = schema.safeParse(value)
  if (!r.success)
    throw new Error(`${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
}

describe('wire conformance with shared/qbo', () => {
  for (const [entity, schema] of SCHEMAS) {
    it(`every seeded ${entity} parses (small and history seeds)`, () => {
      for (const seed of [SMALL_COMPANY, HISTORY_COMPANY]) {
        const rows = seed.entities[entity as 'Customer'] ?? []
        expect(rows.length).toBeGreaterThan(0)
        for (const row of rows) expectParses(schema, row, `${entity} ${String(row.Id)}`)
      }
    })
  }

  it('payment deletes, merges and their CDC stubs and Merge notices parse', async () => {
    const t = testCompany()
    const pay = entityOf(await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 5 }), 'Payment')
    expectParses(
      QboPaymentDeleteResponse,
      (await t.post('/payment?operation=delete', { Id: pay.Id, SyncToken: pay.SyncToken })).body,
      'payment delete',
    )
    t.companies.bookkeeperMerge(REALM, 'Customer', '4', '3')
    const cdc = await t.get('/cdc?entities=Customer,Payment&changedSince=2026-03-01T09:59:00-08:00')
    expectParses(QboCdcResponse, cdc.body, 'cdc with deleted stubs')
    expect(JSON.stringify(cdc.body).match(/"status":"Deleted"/g)).toHaveLength(2)
    expectParses(QboWebhookNotification, buildPayload(t.events.filter((e) => e.operation === 'Merge')), 'merge notice')
  })

  it('envelopes of reads, queries, CDC, batch and deletes parse', async () => {
    const t = testCompany()
    expectParses(QboCustomerResponse, (await t.get('/customer/1')).body, 'read')
    expectParses(QboCompanyInfoResponse, (await t.get(`/companyinfo/${REALM}`)).body, 'companyinfo')
    expectParses(QboQueryResponse, (await t.get('/query?query=select%20*%20from%20Invoice')).body, 'query')
    expectParses(QboQueryResponse, (await t.get('/query?query=select%20count(*)%20from%20Invoice')).body, 'count')
    expectParses(
      QboQueryResponse,
      (await t.get("/query?query=select%20*%20from%20Item%20where%20Name%20=%20'none'")).body,
      'empty query',
    )
    const inv = entityOf(await t.get('/invoice/4'), 'Invoice')
    expectParses(
      QboInvoiceDeleteResponse,
      (await t.post('/invoice?operation=delete', { Id: '4', SyncToken: inv.SyncToken })).body,
      'delete',
    )
    expectParses(QboCdcResponse, (await t.get('/cdc?entities=Customer,Invoice&changedSince=2026-02-15')).body, 'cdc')
    expectParses(
      QboCdcResponse,
      (await t.get('/cdc?entities=Payment&changedSince=2026-03-01T10:00:00-08:00')).body,
      'empty cdc',
    )
    const batch = await t.post('/batch', {
      BatchItemRequest: [
        { bId: 'a', operation: 'create', Customer: { DisplayName: 'Amy Chen' } },
        { bId: 'b', Query: 'select * from Item' },
      ],
    })
    expectParses(QboBatchResponse, batch.body, 'batch')
  })

  it('faults parse and carry codes the shared fault table knows', async () => {
    const t = testCompany()
    const replies = [
      await t.post('/customer', { DisplayName: 'Amy Chen' }),
      await t.post('/customer', { Id: '1', SyncToken: '99', sparse: true }),
      await t.get('/query?query=select%20*%20from%20Customer%20where'),
      await t.post('/invoice', {
        CustomerRef: { value: '10' },
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: {} }],
      }),
      await t.post('/item', { Name: 'x'.repeat(101), Type: 'Service' }),
      await t.post('/invoice?operation=delete', { Id: '4', SyncToken: '99' }),
    ]
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    replies.push(
      await t.post('/invoice', {
        CustomerRef: { value: '1' },
        DocNumber: '1001',
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
      }),
    )
    const pay = entityOf(await t.post('/payment', { CustomerRef: { value: '1' }, TotalAmt: 5 }), 'Payment')
    t.companies.bookkeeperDeposit(REALM, [String(pay.Id)])
    replies.push(await t.post('/payment?operation=delete', { Id: pay.Id, SyncToken: pay.SyncToken }))
    expect(replies.map((r) => QboFaultResponse.parse(r.body).Fault.Error[0]?.code).slice(-2)).toEqual(['6140', '6540'])
    for (const r of replies) {
      expectParses(QboFaultResponse, r.body, 'fault')
      const code = QboFaultResponse.parse(r.body).Fault.Error[0]?.code ?? ''
      expect(faultCodeInfo(code)?.httpStatus).toBe(r.status)
    }
  })
})
