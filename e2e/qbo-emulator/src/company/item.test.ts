import { describe, expect, it } from 'vitest'
import { entityOf, faultCode, testCompany } from './test-helpers.ts'

// Seeded chart: 1 Services (Income), 2 Sales of Product Income, 3 Checking (Bank),
// 7 Inventory Asset, 8 Cost of Goods Sold, 9 Subcontractors (COGS), 10 Job Supplies (Expense),
// 17 Snow Removal Income (inactive).
describe('Item rules', () => {
  const service = { Type: 'Service', UnitPrice: 120, IncomeAccountRef: { value: '1' } }
  const cases: { name: string; body: Record<string, unknown>; code: string }[] = [
    { name: 'a missing Name', body: { ...service }, code: '2020' },
    { name: 'an empty Name', body: { ...service, Name: '' }, code: '2020' },
    { name: 'a Name over 100 characters', body: { ...service, Name: 'n'.repeat(101) }, code: '2050' },
    { name: 'a colon in Name', body: { ...service, Name: 'Labor:Weekend' }, code: '6000' },
    { name: 'a Name another item has (any case)', body: { ...service, Name: 'service CALL' }, code: '6240' },
    { name: 'a Name an inactive item has', body: { ...service, Name: 'Old Drain Snake Rental' }, code: '6240' },
    { name: 'a missing Type', body: { Name: 'No type', IncomeAccountRef: { value: '1' } }, code: '2020' },
    {
      name: 'an unknown Type',
      body: { Name: 'Odd type', Type: 'Gadget', IncomeAccountRef: { value: '1' } },
      code: '2170',
    },
    { name: 'a Service without IncomeAccountRef', body: { Name: 'No account', Type: 'Service' }, code: '2020' },
    {
      name: 'a NonInventory without IncomeAccountRef',
      body: { Name: 'No account part', Type: 'NonInventory' },
      code: '2020',
    },
    {
      name: 'an IncomeAccountRef to a bank account',
      body: { Name: 'Bank income', Type: 'Service', IncomeAccountRef: { value: '3' } },
      code: '6000',
    },
    {
      name: 'an IncomeAccountRef to an unknown account',
      body: { Name: 'Ghost income', Type: 'Service', IncomeAccountRef: { value: '999' } },
      code: '2500',
    },
    {
      name: 'an IncomeAccountRef to an inactive account',
      body: { Name: 'Snow', Type: 'Service', IncomeAccountRef: { value: '17' } },
      code: '610',
    },
    {
      name: 'an Inventory item without AssetAccountRef',
      body: {
        Name: 'Pump',
        Type: 'Inventory',
        IncomeAccountRef: { value: '2' },
        InvStartDate: '2026-01-01',
        QtyOnHand: 1,
      },
      code: '2020',
    },
    {
      name: 'a UnitPrice that is not a number',
      body: { ...service, Name: 'Bad price', UnitPrice: 'cheap' },
      code: '2010',
    },
    {
      name: 'an ExpenseAccountRef to an Expense account (not Cost of Goods Sold)',
      body: { ...service, Name: 'Supplies run', ExpenseAccountRef: { value: '10' } },
      code: '6000',
    },
    {
      name: 'an ExpenseAccountRef to an income account',
      body: { ...service, Name: 'Odd expense', ExpenseAccountRef: { value: '2' } },
      code: '6000',
    },
    {
      name: 'an ExpenseAccountRef to an unknown account',
      body: { ...service, Name: 'Ghost expense', ExpenseAccountRef: { value: '999' } },
      code: '2500',
    },
  ]
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code}`, async () => {
      const t = testCompany()
      const r = await t.post('/item', c.body)
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe(c.code)
    })
  }

  it('creates a service item with the account named, Active, FullyQualifiedName and SyncToken 0', async () => {
    const t = testCompany()
    const item = entityOf(await t.post('/item', { Name: 'Consulting hour', ...service }), 'Item')
    expect(item).toMatchObject({
      Name: 'Consulting hour',
      FullyQualifiedName: 'Consulting hour',
      Type: 'Service',
      UnitPrice: 120,
      Active: true,
      SyncToken: '0',
      IncomeAccountRef: { value: '1', name: 'Services' },
      TrackQtyOnHand: false,
    })
  })

  it('takes an ExpenseAccountRef to any Cost of Goods Sold account, and none at all', async () => {
    const t = testCompany()
    for (const [name, account] of [
      ['Copper elbow', '8'],
      ['Sub labor', '9'],
    ] as const) {
      const item = entityOf(
        await t.post('/item', { ...service, Type: 'NonInventory', Name: name, ExpenseAccountRef: { value: account } }),
        'Item',
      )
      expect((item.ExpenseAccountRef as { value: string }).value).toBe(account)
    }
    expect(
      entityOf(await t.post('/item', { ...service, Name: 'Sales only' }), 'Item').ExpenseAccountRef,
    ).toBeUndefined()
  })

  it('reports NonInventory as NonInventory and keeps Sku whatever minorversion is asked for', async () => {
    const t = testCompany()
    const item = entityOf(
      await t.post('/item?minorversion=3', {
        Name: 'Hose clamp',
        Type: 'NonInventory',
        Sku: 'HC-1',
        IncomeAccountRef: { value: '2' },
      }),
      'Item',
    )
    expect(item).toMatchObject({ Type: 'NonInventory', Sku: 'HC-1' })
    expect(entityOf(await t.get(`/item/${item.Id}?minorversion=1`), 'Item')).toMatchObject({
      Type: 'NonInventory',
      Sku: 'HC-1',
    })
  })

  it('lets an item keep its own name on update and inactivates with Active=false', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/item/1'), 'Item')
    const after = entityOf(await t.post('/item', { ...before, Active: false }), 'Item')
    expect(after).toMatchObject({ Name: before.Name, Active: false, SyncToken: '1' })
  })
})
