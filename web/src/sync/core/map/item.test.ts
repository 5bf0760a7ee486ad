import { describe, expect, it } from 'vitest'
import { QboItem, QboItemResponse, QboQueryResponse } from '#shared/qbo/index.ts'
import { itemToQbo, qboToItem, type ItemFields } from './item.ts'
import {
  itemReadService as readService,
  itemCreateService as createdService,
  itemQueryServiceAndInventory as queried,
} from '../../test-support/qbo-fixtures.ts'

const accounts = { defaultIncomeAccountId: '79', defaultExpenseAccountId: '80' }
const queryItems = (QboQueryResponse.parse(queried).QueryResponse as { Item: unknown[] }).Item.map((i) =>
  QboItem.parse(i),
)
const byName = (name: string) => queryItems.find((i) => i.Name === name)!

describe('qboToItem (recorded QuickBooks items)', () => {
  it.each<[string, QboItem, ItemFields]>([
    [
      'a bare service item',
      QboItemResponse.parse(readService).Item,
      { name: 'Test Service Item', type: 'service', unitPrice: 0, taxable: false, active: true },
    ],
    [
      'a priced service with a description',
      byName('Design'),
      { name: 'Design', description: 'Custom Design', type: 'service', unitPrice: 7500, taxable: false, active: true },
    ],
    [
      'an inventory item comes in as a product',
      byName('Rock Fountain'),
      {
        name: 'Rock Fountain',
        description: 'Rock Fountain',
        type: 'product',
        unitPrice: 27500,
        taxable: true,
        active: true,
      },
    ],
    [
      'an ampersand in a name is kept',
      byName('Maintenance & Repair'),
      {
        name: 'Maintenance & Repair',
        description: 'Maintenance & Repair',
        type: 'service',
        unitPrice: 0,
        taxable: false,
        active: true,
      },
    ],
  ])('%s', (_n, q, expected) => {
    expect(qboToItem(q)).toStrictEqual({ ok: true, value: { value: expected, warnings: [] } })
  })

  it('maps every item of a real company query without error', () => {
    expect(queryItems.map((q) => qboToItem(q).ok)).toStrictEqual(queryItems.map(() => true))
  })

  it.each([['Category'], ['Group']] as const)('refuses a %s', (type) => {
    expect(qboToItem({ ...byName('Design'), Type: type })).toMatchObject({ ok: false, error: { field: 'Type' } })
  })

  it('rounds a rate with more than two decimals and says so', () => {
    expect(qboToItem({ ...byName('Design'), UnitPrice: 12.3456 })).toMatchObject({
      ok: true,
      value: { value: { unitPrice: 1235 }, warnings: [{ field: 'unitPrice' }] },
    })
  })
})

describe('itemToQbo', () => {
  it('builds the body recorded against a live sandbox (Service with an income account)', () => {
    const q = QboItemResponse.parse(createdService).Item
    const back = qboToItem(q)
    if (!back.ok) throw new Error(back.error.message)
    expect(itemToQbo(back.value.value, { defaultIncomeAccountId: '79' })).toStrictEqual({
      ok: true,
      value: {
        // Recorded request: {"Name": "Test Service Item 2026 Unique 03", "Type": "Service", "IncomeAccountRef": {"value": "79"}}
        value: {
          Name: 'Test Service Item 2026 Unique 03',
          Type: 'Service',
          UnitPrice: 0,
          Taxable: false,
          Active: true,
          IncomeAccountRef: { value: '79' },
        },
        warnings: [],
      },
    })
  })

  it.each<[string, ItemFields, Record<string, unknown>]>([
    [
      'a product is NonInventory with both default accounts and its price in dollars',
      {
        name: 'Pump',
        type: 'product',
        unitPrice: 1999,
        taxable: true,
        active: true,
        sku: 'P-1',
        description: 'Fountain pump',
      },
      {
        Name: 'Pump',
        Type: 'NonInventory',
        UnitPrice: 19.99,
        Taxable: true,
        Sku: 'P-1',
        Description: 'Fountain pump',
        IncomeAccountRef: { value: '79' },
        ExpenseAccountRef: { value: '80' },
      },
    ],
    [
      'colons leave item names',
      { name: 'Pipe: 3/4', type: 'service', unitPrice: 100, taxable: false, active: true },
      { Name: 'Pipe 3/4' },
    ],
  ])('%s', (_n, item, expected) => {
    const r = itemToQbo(item, accounts)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.value).toMatchObject(expected)
  })

  it('needs a default income account', () => {
    expect(itemToQbo({ name: 'Labor', type: 'service', unitPrice: 0, taxable: false, active: true }, {})).toMatchObject(
      { ok: false, error: { field: 'IncomeAccountRef' } },
    )
  })
})
