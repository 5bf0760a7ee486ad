import { describe, expect, it } from 'vitest'
import { entityOf, faultCode, testCompany } from './test-helpers.ts'

describe('Customer create rules', () => {
  const cases: { name: string; body: unknown; code?: string; status?: number }[] = [
    { name: 'a DisplayName held by another customer', body: { DisplayName: 'Amy Chen' }, code: '6240' },
    { name: 'a DisplayName differing only in case and spaces', body: { DisplayName: '  amy CHEN ' }, code: '6240' },
    { name: 'a DisplayName held by a vendor', body: { DisplayName: 'Garcia Electric' }, code: '6240' },
    { name: 'a DisplayName held by an employee', body: { DisplayName: 'Dana Whitfield' }, code: '6240' },
    { name: 'a DisplayName held by an inactive customer', body: { DisplayName: 'Tom Nguyen' }, code: '6240' },
    { name: 'a colon in DisplayName', body: { DisplayName: 'Acme: North' }, code: '6000' },
    { name: 'a tab in GivenName', body: { GivenName: 'Ann\tMarie' }, code: '6000' },
    { name: 'a newline in FamilyName', body: { FamilyName: 'Lee\nSmith' }, code: '6000' },
    { name: 'a DisplayName over 500 characters', body: { DisplayName: 'x'.repeat(501) }, code: '2050' },
    { name: 'a GivenName over 100 characters', body: { GivenName: 'x'.repeat(101) }, code: '2050' },
    { name: 'a Title over 16 characters', body: { DisplayName: 'Titled', Title: 'Honourable Judge X' }, code: '2050' },
    {
      name: 'a phone over 30 characters',
      body: { DisplayName: 'Phone', PrimaryPhone: { FreeFormNumber: '1'.repeat(31) } },
      code: '2050',
    },
    { name: 'no DisplayName and no name part', body: { CompanyName: 'Nameless Inc' }, code: '2020' },
    {
      name: 'an email without @',
      body: { DisplayName: 'Mail', PrimaryEmailAddr: { Address: 'mail.example.com' } },
      code: '6000',
    },
    {
      name: 'an email without a dot after @',
      body: { DisplayName: 'Mail', PrimaryEmailAddr: { Address: 'mail@example' } },
      code: '6000',
    },
    { name: 'a number where a name goes', body: { DisplayName: 42 }, code: '2010' },
    { name: 'an unknown ParentRef', body: { DisplayName: 'Job 1', ParentRef: { value: '9999' } }, code: '2500' },
    { name: 'an inactive ParentRef', body: { DisplayName: 'Job 2', ParentRef: { value: '10' } }, code: '610' },
    { name: 'a misspelt property', body: { DisplayName: 'Typo Inc', DisplayNmae: 'Typo' }, code: '2010' },
    { name: 'a body that is not JSON', body: '{"DisplayName":', code: '2010' },
  ]
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code}`, async () => {
      const t = testCompany()
      const r = await t.post('/customer?minorversion=75', c.body)
      expect(r.status).toBe(c.status ?? 400)
      expect(faultCode(r)).toBe(c.code)
      expect(r.body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-08:00$/)
    })
  }

  it('names the customer that already holds a DisplayName', async () => {
    const t = testCompany()
    const amy = (await t.get("/query?query=select * from Customer where DisplayName = 'Amy Chen'")).body
      .QueryResponse as { Customer: { Id: string }[] }
    const r = await t.post('/customer', { DisplayName: 'Amy Chen' })
    expect((r.body.Fault as { Error: { Detail: string }[] }).Error[0]?.Detail).toBe(
      `The name supplied already exists. : Id=${amy.Customer[0]?.Id}`,
    )
  })

  it('creates with SyncToken 0, string Id, MetaData stamped from the emulator clock, and Intuit defaults', async () => {
    const t = testCompany()
    const r = await t.post('/customer', {
      GivenName: 'Ann',
      FamilyName: 'Lee',
      PrimaryEmailAddr: { Address: 'ann@lee.example' },
    })
    expect(r.status).toBe(200)
    const c = entityOf(r, 'Customer')
    expect(c).toMatchObject({
      DisplayName: 'Ann Lee',
      FullyQualifiedName: 'Ann Lee',
      PrintOnCheckName: 'Ann Lee',
      SyncToken: '0',
      Active: true,
      Job: false,
      Balance: 0,
      domain: 'QBO',
      sparse: false,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: { CreateTime: '2026-03-01T10:00:00-08:00', LastUpdatedTime: '2026-03-01T10:00:00-08:00' },
    })
    expect(typeof c.Id).toBe('string')
    expect(t.events).toEqual([
      {
        realmId: t.companies.list()[0]?.realmId,
        entity: 'Customer',
        id: c.Id,
        operation: 'Create',
        lastUpdated: '2026-03-01T10:00:00-08:00',
      },
    ])
  })

  it('ignores read-only fields sent on create', async () => {
    const t = testCompany()
    const c = entityOf(
      await t.post('/customer', {
        DisplayName: 'Readonly Test',
        SyncToken: '7',
        domain: 'XYZ',
        MetaData: { CreateTime: '2001-01-01' },
        FullyQualifiedName: 'Other',
      }),
      'Customer',
    )
    expect(c.domain).toBe('QBO')
    expect(c.FullyQualifiedName).toBe('Readonly Test')
    expect(c.SyncToken).toBe('0')
    expect((c.MetaData as { CreateTime: string }).CreateTime).toBe('2026-03-01T10:00:00-08:00')
  })

  it('builds a sub-customer with FullyQualifiedName Parent:Job and Level 1', async () => {
    const t = testCompany()
    const r = await t.post('/customer', { DisplayName: 'Kitchen remodel', ParentRef: { value: '1' } })
    expect(entityOf(r, 'Customer')).toMatchObject({
      Job: true,
      Level: 1,
      FullyQualifiedName: 'Amy Chen:Kitchen remodel',
      ParentRef: { value: '1', name: 'Amy Chen' },
    })
  })
})

describe('Customer updates', () => {
  it('bumps SyncToken and LastUpdatedTime on a sparse update and keeps other fields', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/customer/1'), 'Customer')
    t.clock.advance(90_000)
    const after = entityOf(
      await t.post('/customer', { Id: '1', SyncToken: before.SyncToken, sparse: true, Notes: 'Prefers mornings' }),
      'Customer',
    )
    expect(after.SyncToken).toBe(String(Number(before.SyncToken) + 1))
    expect(after.Notes).toBe('Prefers mornings')
    expect(after.PrimaryEmailAddr).toEqual(before.PrimaryEmailAddr)
    expect(after.MetaData).toEqual({
      CreateTime: (before.MetaData as { CreateTime: string }).CreateTime,
      LastUpdatedTime: '2026-03-01T10:01:30-08:00',
    })
  })

  it('drops omitted writable fields on a full update', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/customer/1'), 'Customer')
    const after = entityOf(
      await t.post('/customer', { Id: '1', SyncToken: before.SyncToken, DisplayName: 'Amy Chen' }),
      'Customer',
    )
    expect(before.PrimaryEmailAddr).toEqual({ Address: 'amy.chen@example.com' })
    expect(after.PrimaryEmailAddr).toBeUndefined()
    expect(after.CurrencyRef).toEqual(before.CurrencyRef)
  })

  it('keeps DisplayName when a sparse update sends it empty', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/customer/1'), 'Customer')
    const after = entityOf(
      await t.post('/customer', { Id: '1', SyncToken: before.SyncToken, sparse: true, DisplayName: '' }),
      'Customer',
    )
    expect(after.DisplayName).toBe('Amy Chen')
  })

  const tokenCases = [
    { name: 'an older SyncToken', token: (current: number) => String(current - 1), code: '5010' },
    { name: 'a newer SyncToken', token: (current: number) => String(current + 1), code: '5010' },
    { name: 'no SyncToken', token: () => undefined, code: '2020' },
  ]
  for (const c of tokenCases) {
    it(`answers ${c.name} with ${c.code} and changes nothing`, async () => {
      const t = testCompany()
      const before = entityOf(await t.get('/customer/1'), 'Customer')
      const r = await t.post('/customer', {
        Id: '1',
        SyncToken: c.token(Number(before.SyncToken)),
        sparse: true,
        Notes: 'lost',
      })
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe(c.code)
      expect(entityOf(await t.get('/customer/1'), 'Customer')).toEqual(before)
    })
  }

  it("reports Stale Object Error with Intuit's wording", async () => {
    const t = testCompany()
    const r = await t.post('/customer', { Id: '1', SyncToken: '0', sparse: true, Notes: 'x' })
    expect(r.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ Message: 'Stale Object Error', code: '5010' }],
    })
  })

  it('soft-deletes with Active=false: reads still work, queries omit it unless Active is filtered, the name stays taken', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/customer/5'), 'Customer')
    await t.post('/customer', { Id: '5', SyncToken: before.SyncToken, sparse: true, Active: false })
    expect(entityOf(await t.get('/customer/5'), 'Customer').Active).toBe(false)
    const q = await t.get(`/query?query=${encodeURIComponent("select * from Customer where Id = '5'")}`)
    expect(q.body.QueryResponse).toEqual({})
    const q2 = await t.get(
      `/query?query=${encodeURIComponent("select * from Customer where Id = '5' and Active in (true, false)")}`,
    )
    expect((q2.body.QueryResponse as { Customer: unknown[] }).Customer).toHaveLength(1)
    expect(faultCode(await t.post('/customer', { DisplayName: before.DisplayName }))).toBe('6240')
  })

  it('answers reads of unknown and malformed ids with 610 and 2030', async () => {
    const t = testCompany()
    expect(faultCode(await t.get('/customer/99999'))).toBe('610')
    expect(faultCode(await t.get('/customer/1.5'))).toBe('2030')
  })

  it('refuses delete of a name-list entity (they are only made inactive)', async () => {
    const t = testCompany()
    const r = await t.post('/customer?operation=delete', { Id: '1', SyncToken: '0' })
    expect(faultCode(r)).toBe('500')
  })
})
