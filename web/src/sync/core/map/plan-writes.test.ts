import { describe, expect, it } from 'vitest'
import type { Contact, Invoice, LocalId } from '../../../../../shared/domain/index.ts'
import { plan } from '../plan.ts'
import { NOW, emptyRecords, row } from '../test-records.ts'
import { planWrites } from './plan-writes.ts'
import { resolveRefs, resolverFrom } from './refs.ts'
import type { LocalRecord } from './request.ts'

const T = NOW
const lid = (s: string) => s as LocalId
const ann: Contact = { id: lid('c1'), version: 1, updatedAt: T, displayName: 'Ann Lee', active: true }
const bad: Contact = { id: lid('c2'), version: 1, updatedAt: T, displayName: ' : ', active: true }
const inv: Invoice = {
  id: lid('inv1'), version: 1, updatedAt: T, number: '1001', contactId: lid('c1'), status: 'finalized', issueDate: '2026-03-01', dueDate: '2026-03-31',
  lines: [{ id: 'l1', name: 'Haul away', qty: 1000, unitPrice: 5000, amount: 5000, taxable: false }], taxRateBps: 0, subtotal: 5000, tax: 0, total: 5000, balance: 5000,
}
const records: Record<string, LocalRecord> = { 'contact:c1': ann, 'contact:c2': bad, 'invoice:inv1': inv }

describe('planWrites', () => {
  const r = emptyRecords()
  r.contacts.push(ann, bad)
  r.invoices.push({ ...inv, lines: [{}] })
  const p = plan({ records: r, mappings: [], outbox: [row(1, 'contact', 'c1'), row(2, 'contact', 'c2'), row(3, 'invoice', 'inv1')], settings: { subCustomerJobs: false }, now: NOW })
  const w = planWrites(p, (k, id) => records[`${k}:${id}`], {
    ref: resolverFrom(() => undefined), settings: { subCustomerJobs: false, defaultIncomeAccountId: '79' }, freeTextItemQboId: '1',
  })

  it('gives each QuickBooks op its write, in plan order, with placeholders for records created first', () => {
    expect(w.writes.map((x) => [x.op.id, x.write?.operation])).toStrictEqual([['create:contact:c1', 'create'], ['create:invoice:inv1', 'create']])
    const body = w.writes[1]!.write!.body
    expect(resolveRefs(body, (ref) => (ref.localId === 'c1' ? '58' : undefined))).toMatchObject({ ok: true, value: { CustomerRef: { value: '58' } } })
  })

  it('returns records that cannot be mapped as failures, not writes', () => {
    expect(w.failures).toMatchObject([{ op: { id: 'create:contact:c2' }, error: { field: 'DisplayName' } }])
  })
})
