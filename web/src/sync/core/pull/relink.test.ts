import { describe, expect, it } from 'vitest'
import type { Job, Payment } from '#shared/domain/index.ts'
import type { QboCustomer, QboInvoice, QboPayment } from '#shared/qbo/index.ts'
import { paymentKey } from '../map/payment.ts'
import { ANN, AT, inv, testLocalId } from './fold-fixtures.ts'
import { relink, type RelinkInput } from './relink.ts'

const job: Job = { id: testLocalId(20), version: 1, updatedAt: AT, contactId: ANN, name: 'Kitchen', status: 'open' }
const pay: Payment = {
  id: testLocalId(21),
  version: 3,
  updatedAt: AT,
  contactId: ANN,
  date: '2026-02-20',
  amount: 4000,
  method: 'cash',
  applications: [],
}
const input = (over: Partial<RelinkInput> = {}): RelinkInput => ({
  records: { invoices: [inv], payments: [pay], jobs: [job] },
  mappings: [],
  outbox: [],
  contactQbo: new Map([[ANN, '58']]),
  remote: {
    customers: [{ Id: '81', DisplayName: 'kitchen', Job: true, ParentRef: { value: '58' } } as QboCustomer],
    invoices: [
      {
        Id: '130',
        SyncToken: '4',
        DocNumber: '1001',
        CustomerRef: { value: '58' },
        TotalAmt: 100,
        Line: [],
      } as unknown as QboInvoice,
    ],
    payments: [
      {
        Id: '300',
        SyncToken: '1',
        CustomerRef: { value: '58' },
        TotalAmt: 40,
        PrivateNote: paymentKey(pay.id),
      } as QboPayment,
    ],
  },
  realmId: '9341',
  at: AT,
  ...over,
})

describe('relink', () => {
  it('links invoices by number, customer and total, jobs by parent and name, payments by their key', () => {
    expect(relink(input()).map((m) => [m.kind, m.localId, m.qboId, m.syncToken, m.syncedVersion])).toStrictEqual([
      ['job', job.id, '81', '0', 1],
      ['invoice', inv.id, '130', '4', 2],
      ['payment', pay.id, '300', '1', 3],
    ])
  })

  it('leaves an invoice of another total or customer alone, and links a touched one with an empty base', () => {
    const other = input()
    other.remote = { ...other.remote, invoices: [{ ...other.remote.invoices[0]!, TotalAmt: 99 }] }
    expect(relink(other).some((m) => m.kind === 'invoice')).toBe(false)
    const elsewhere = input({ contactQbo: new Map([[ANN, '59']]) })
    expect(relink(elsewhere).some((m) => m.kind === 'invoice')).toBe(false)
    const touched = relink(input({ outbox: [{ kind: 'invoice', localId: inv.id }] })).find((m) => m.kind === 'invoice')
    expect(touched).toMatchObject({ snapshot: {}, syncedVersion: 0 })
  })
})
