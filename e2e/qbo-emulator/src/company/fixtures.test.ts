/**
 * Every recorded Intuit payload of an entity the emulator writes goes in and comes back out:
 * the entity is POSTed without its read-only fields (into a company seeded with whatever it
 * references, under the same Ids and names), read back, and compared on what Intuit keeps —
 * the sent fields, and the values QuickBooks computed (totals, tax, unapplied amounts, names).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { isObject, num, refValue, str } from './json.ts'
import { entityOf, REALM, testCompany } from './test-helpers.ts'
import { qboFixturesDir } from '#fixtures/qbo-fixtures.ts'

const ROOT = qboFixturesDir
const ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment', 'Account'] as const
type Entity = (typeof ENTITIES)[number]
const READ_ONLY = [
  'Id',
  'SyncToken',
  'MetaData',
  'domain',
  'sparse',
  'TotalAmt',
  'Balance',
  'HomeBalance',
  'HomeTotalAmt',
  'FullyQualifiedName',
  'Level',
  'BalanceWithJobs',
  'UnappliedAmt',
  'InvoiceLink',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'Classification',
  'status',
]
/**
 * Recordings the emulator deliberately does not reproduce: a payment linked to a credit memo
 * (credit memos are not modelled), and sandbox invoices whose lines were taxed although marked
 * NON or that hold only a subtotal line (automated sales tax and estimate conversion, neither
 * modelled).
 */
const SKIP = new Set([
  'payment/query-linked-to-invoices.nango.json#74',
  'invoice/query-with-discountline-taxline-linkedtxn.nango.json#103',
  'invoice/send-response-emailsent.nango.json#103',
  'invoice/query-with-discountline-taxline-linkedtxn.nango.json#42',
])

interface Sample {
  file: string
  entity: Entity
  record: Json
}

function samples(): Sample[] {
  const out: Sample[] = []
  for (const dir of readdirSync(ROOT)) {
    if (!['customer', 'item', 'invoice', 'payment', 'account', 'void', 'query'].includes(dir)) continue
    for (const name of readdirSync(join(ROOT, dir))) {
      if (!name.endsWith('.json')) continue
      const file = `${dir}/${name}`
      const body = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Json
      const qr = isObject(body.QueryResponse) ? body.QueryResponse : undefined
      for (const entity of ENTITIES) {
        const found = qr ? qr[entity] : body[entity]
        for (const record of Array.isArray(found) ? found : found ? [found] : []) {
          if (isObject(record) && record.status !== 'Deleted') out.push({ file, entity, record })
        }
      }
      // Files holding one bare entity (no envelope).
      if (!qr && !ENTITIES.some((e) => body[e]) && body.Id) {
        const entity = dir === 'customer' ? 'Customer' : dir === 'item' ? 'Item' : undefined
        if (entity) out.push({ file, entity, record: body })
      }
    }
  }
  return out.filter((s) => !SKIP.has(`${s.file}#${str(s.record.Id)}`))
}

const ACCOUNT_TYPES: Record<string, [string, string]> = {
  IncomeAccountRef: ['Income', 'SalesOfProductIncome'],
  ItemAccountRef: ['Income', 'SalesOfProductIncome'],
  ExpenseAccountRef: ['Cost of Goods Sold', 'SuppliesMaterialsCogs'],
  AssetAccountRef: ['Other Current Asset', 'Inventory'],
  DepositToAccountRef: ['Bank', 'Checking'],
}

/** Records the sample points at, with the Ids and names it uses. */
function referenced(s: Sample): Record<string, Json[]> {
  const seed: Record<string, Map<string, Json>> = {
    Customer: new Map(),
    Item: new Map(),
    Account: new Map(),
    TaxCode: new Map(),
    TaxRate: new Map(),
    Invoice: new Map(),
  }
  const put = (entity: string, id: string, record: Json) => {
    if (!seed[entity]!.has(id)) seed[entity]!.set(id, { Id: id, SyncToken: '0', Active: true, ...record })
  }
  const r = s.record
  const customerId = refValue(r.CustomerRef)
  if (customerId)
    put('Customer', customerId, {
      DisplayName: str((r.CustomerRef as Json).name) ?? `Customer ${customerId}`,
      FullyQualifiedName: str((r.CustomerRef as Json).name) ?? `Customer ${customerId}`,
    })
  if (s.entity === 'Customer' && refValue(r.ParentRef)) {
    const parentFqn = String(r.FullyQualifiedName ?? '')
      .split(':')
      .slice(0, -1)
      .join(':')
    put('Customer', refValue(r.ParentRef)!, {
      DisplayName: str((r.ParentRef as Json).name) ?? parentFqn,
      FullyQualifiedName: parentFqn,
      Level: Math.max(0, Number(r.Level ?? 1) - 1),
    })
  }
  if (s.entity === 'Account' && refValue(r.ParentRef)) {
    const parentFqn = String(r.FullyQualifiedName ?? '')
      .split(':')
      .slice(0, -1)
      .join(':')
    put('Account', refValue(r.ParentRef)!, {
      Name: parentFqn.split(':').at(-1),
      FullyQualifiedName: parentFqn,
      AccountType: r.AccountType,
      AccountSubType: r.AccountSubType,
    })
  }
  for (const [key, [AccountType, AccountSubType]] of Object.entries(ACCOUNT_TYPES)) {
    const ref = r[key]
    if (refValue(ref))
      put('Account', refValue(ref)!, {
        Name: str((ref as Json).name) ?? `${key} ${refValue(ref)}`,
        AccountType,
        AccountSubType,
      })
  }
  for (const line of Array.isArray(r.Line) ? r.Line.filter(isObject) : []) {
    const detail = isObject(line.SalesItemLineDetail) ? line.SalesItemLineDetail : undefined
    if (detail && refValue(detail.ItemRef)) {
      const account = refValue(detail.ItemAccountRef) ?? '9001'
      put('Account', account, {
        Name: str((detail.ItemAccountRef as Json | undefined)?.name) ?? 'Sales',
        AccountType: 'Income',
        AccountSubType: 'SalesOfProductIncome',
      })
      put('Item', refValue(detail.ItemRef)!, {
        Name: str((detail.ItemRef as Json).name) ?? `Item ${refValue(detail.ItemRef)}`,
        Type: 'Service',
        IncomeAccountRef: { value: account },
      })
    }
    for (const link of Array.isArray(line.LinkedTxn) ? line.LinkedTxn.filter(isObject) : []) {
      if (s.entity === 'Payment' && link.TxnType === 'Invoice')
        put('Invoice', String(link.TxnId), {
          CustomerRef: r.CustomerRef,
          TotalAmt: 100_000,
          Balance: 100_000,
          Line: [],
          LinkedTxn: [],
        })
    }
  }
  const tax = isObject(r.TxnTaxDetail) ? r.TxnTaxDetail : undefined
  if (tax && refValue(tax.TxnTaxCodeRef)) {
    const rates = (Array.isArray(tax.TaxLine) ? tax.TaxLine.filter(isObject) : []).map((l) => l.TaxLineDetail as Json)
    for (const d of rates)
      put('TaxRate', refValue(d.TaxRateRef)!, { Name: `Rate ${refValue(d.TaxRateRef)}`, RateValue: d.TaxPercent })
    put('TaxCode', refValue(tax.TxnTaxCodeRef)!, {
      Name: `Code ${refValue(tax.TxnTaxCodeRef)}`,
      SalesTaxRateList: { TaxRateDetail: rates.map((d) => ({ TaxRateRef: d.TaxRateRef })) },
    })
  }
  return Object.fromEntries(Object.entries(seed).map(([k, m]) => [k, [...m.values()]]))
}

function writable(entity: Entity, r: Json): Json {
  const out: Json = { ...r }
  for (const f of READ_ONLY) if (!(entity === 'Payment' && f === 'TotalAmt')) delete out[f]
  return out
}

function expectKept(entity: Entity, sent: Json, got: Json, original: Json): void {
  for (const [key, value] of Object.entries(sent)) {
    if (key === 'Line' && Array.isArray(value)) {
      const lines = (got.Line as Json[]).filter((l) => l.DetailType !== 'SubTotalLineDetail')
      const want = value.filter((l: Json) => l.DetailType !== 'SubTotalLineDetail') as Json[]
      expect(lines.map((l) => [l.Amount, l.DetailType, l.Description])).toEqual(
        want.map((l) => [l.Amount, l.DetailType, l.Description]),
      )
      lines.forEach((l, i) => {
        const d = (want[i]?.SalesItemLineDetail ?? {}) as Json
        const g = (l.SalesItemLineDetail ?? {}) as Json
        expect([refValue(g.ItemRef), g.Qty, g.UnitPrice, refValue(g.TaxCodeRef) ?? 'NON']).toEqual([
          refValue(d.ItemRef),
          d.Qty,
          d.UnitPrice,
          refValue(d.TaxCodeRef) ?? 'NON',
        ])
        if (entity === 'Payment') expect(l.LinkedTxn).toEqual(want[i]?.LinkedTxn)
      })
    } else if (key === 'TxnTaxDetail' || (key === 'LinkedTxn' && entity === 'Invoice')) {
      continue // compared as computed values below; invoice links are derived from payments
    } else if (key.endsWith('Ref') && isObject(value) && 'value' in value) {
      expect(refValue(got[key]), key).toBe(refValue(value))
      if (value.name !== undefined) expect((got[key] as Json).name, `${key}.name`).toBe(value.name)
    } else {
      expect(got[key], key).toEqual(value)
    }
  }
  if (entity === 'Invoice') {
    expect(got.TotalAmt).toBe(original.TotalAmt)
    expect((got.TxnTaxDetail as Json).TotalTax).toBe((original.TxnTaxDetail as Json | undefined)?.TotalTax ?? 0)
  }
  if (entity === 'Payment') expect(got.UnappliedAmt).toBe(original.UnappliedAmt)
  if (entity === 'Customer' || entity === 'Item' || entity === 'Account')
    expect(got.FullyQualifiedName).toBe(original.FullyQualifiedName)
}

describe('recorded Intuit payloads round-trip through the emulator', () => {
  const all = samples()
  it('finds samples of every supported entity', () => {
    expect(new Set(all.map((s) => s.entity))).toEqual(new Set(ENTITIES))
  })
  for (const s of all) {
    it(`${s.file} ${s.entity} ${str(s.record.Id)}`, async () => {
      const t = testCompany('none')
      const seeded = t.companies.seed(REALM, { entities: referenced(s) })
      expect(seeded.ok).toBe(true)
      const sent = writable(s.entity, s.record)
      const created = await t.post(`/${s.entity.toLowerCase()}?minorversion=75`, sent)
      if (created.status !== 200) throw new Error(JSON.stringify(created.body))
      const id = str(entityOf(created, s.entity).Id)
      const back = entityOf(await t.get(`/${s.entity.toLowerCase()}/${id}?minorversion=75`), s.entity)
      expectKept(s.entity, sent, back, s.record)
      expect(back.SyncToken).toBe('0')
      expect(num(back.Id)).toBeGreaterThan(0)
    })
  }
})
