import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { createManualClock } from '../clock.ts'
import { createCompanies } from './index.ts'
import { SECOND_REALM_ID } from '../seeds/small.ts'
import { entityOf, faultCode, REALM, testCompany } from './test-helpers.ts'

describe('createCompanies', () => {
  it('lists the seeded companies for the consent picker', () => {
    const companies = createCompanies({ clock: createManualClock(), seed: 'small' })
    expect(companies.list()).toEqual([
      { realmId: REALM, companyName: 'Ridgeline Plumbing & Heating' },
      { realmId: SECOND_REALM_ID, companyName: 'Summit Landscaping LLC' },
    ])
    expect(createCompanies({ clock: createManualClock(), seed: 'none' }).list()).toEqual([])
  })

  it('seeds a company from a snapshot, so snapshot → seed → snapshot is the identity', () => {
    const a = createCompanies({ clock: createManualClock(), seed: 'small' })
    const b = createCompanies({ clock: createManualClock(), seed: 'none' })
    const snap = a.snapshot(REALM)
    expect(b.seed('123', snap).ok).toBe(true)
    expect(b.snapshot('123')).toEqual({ ...snap, realmId: '123' })
  })

  it('resets to the start seed: edits undone, extra companies dropped, the same Ids again', () => {
    const companies = createCompanies({ clock: createManualClock(), seed: 'small' })
    const pristine = companies.snapshot(REALM)
    const customer = (pristine?.entities['Customer'] ?? [])[0] as Json
    expect(companies.bookkeeperEdit(REALM, 'Customer', String(customer['Id']), { Notes: 'changed' }).ok).toBe(true)
    expect(companies.seed('123', pristine).ok).toBe(true)
    expect(companies.snapshot(REALM)).not.toEqual(pristine)
    companies.reset()
    expect(companies.snapshot(REALM)).toEqual(pristine)
    expect(companies.list().map((c) => c.realmId)).toEqual([REALM, SECOND_REALM_ID])
  })

  it('refuses seed data that is not a company', () => {
    const companies = createCompanies({ clock: createManualClock(), seed: 'none' })
    const r = companies.seed('1', { entities: { Customer: 'lots' } })
    expect(r.ok).toBe(false)
    expect(companies.list()).toEqual([])
  })

  it('applies a bookkeeper edit like QuickBooks: rules apply, SyncToken and LastUpdatedTime move, a change is announced', async () => {
    const t = testCompany()
    const before = entityOf(await t.get('/customer/2'), 'Customer')
    t.clock.advance(3_600_000)
    const r = t.companies.bookkeeperEdit(REALM, 'Customer', '2', { Notes: 'Net 15 from now on' })
    expect(r.ok && r.value).toMatchObject({
      Notes: 'Net 15 from now on',
      SyncToken: String(Number(before.SyncToken) + 1),
      MetaData: { LastUpdatedTime: '2026-03-01T11:00:00-08:00' },
    })
    expect(t.events).toEqual([
      { realmId: REALM, entity: 'Customer', id: '2', operation: 'Update', lastUpdated: '2026-03-01T11:00:00-08:00' },
    ])
    const clash = t.companies.bookkeeperEdit(REALM, 'customer', '2', { DisplayName: 'Amy Chen' })
    expect(!clash.ok && clash.error.errors[0]?.code).toBe('6240')
    // The client's old token is now stale.
    expect(
      faultCode(await t.post('/customer', { Id: '2', SyncToken: before.SyncToken, sparse: true, Notes: 'x' })),
    ).toBe('5010')
  })

  it('bookkeeper deletes make names inactive and delete transactions, unapplying their payments', async () => {
    const t = testCompany()
    expect(t.companies.bookkeeperDelete(REALM, 'Item', '3').ok).toBe(true)
    expect(entityOf(await t.get('/item/3'), 'Item').Active).toBe(false)
    // Invoice 1 of the small seed is fully paid by the first payment.
    const paid = entityOf(await t.get('/invoice/1'), 'Invoice')
    const paymentId = ((paid.LinkedTxn as Json[])[0] as Json).TxnId
    expect(t.companies.bookkeeperDelete(REALM, 'Invoice', '1')).toEqual({
      ok: true,
      value: { domain: 'QBO', status: 'Deleted', Id: '1' },
    })
    expect(faultCode(await t.get('/invoice/1'))).toBe('610')
    expect(entityOf(await t.get(`/payment/${paymentId}`), 'Payment')).toMatchObject({
      Line: [],
      UnappliedAmt: paid.TotalAmt,
    })
    expect(t.events.map((e) => `${e.entity}:${e.operation}`)).toEqual([
      'Item:Update',
      'Payment:Update',
      'Invoice:Delete',
    ])
  })

  it('stops calling a listener after unsubscribe', () => {
    const companies = createCompanies({ clock: createManualClock(), seed: 'small' })
    const seen: string[] = []
    const off = companies.onChange((e) => seen.push(e.id))
    companies.bookkeeperEdit(REALM, 'Customer', '2', { Notes: 'a' })
    off()
    companies.bookkeeperEdit(REALM, 'Customer', '2', { Notes: 'b' })
    expect(seen).toEqual(['2'])
  })
})

describe('company routes', () => {
  it('reads CompanyInfo by realm id and Preferences', async () => {
    const t = testCompany()
    const info = await t.get(`/companyinfo/${REALM}?minorversion=75`)
    expect(entityOf(info, 'CompanyInfo')).toMatchObject({
      CompanyName: 'Ridgeline Plumbing & Heating',
      Country: 'US',
      Id: '1',
    })
    expect(
      ((entityOf(info, 'CompanyInfo').NameValue as Json[]).find((n) => n.Name === 'SubscriptionStatus') as Json).Value,
    ).toBe('SUBSCRIBED')
    expect(entityOf(await t.get('/preferences'), 'Preferences')).toMatchObject({
      SalesFormsPrefs: { CustomTxnNumbers: false },
      CurrencyPrefs: { MultiCurrencyEnabled: false },
    })
    expect(faultCode(await t.get('/companyinfo/42'))).toBe('610')
  })

  it('answers an unknown company with 403 / 3100 and unknown paths with 400 / 500 Unsupported Operation', async () => {
    const t = testCompany()
    const r = await t.get('http://emulator.test/v3/company/1111/customer/1')
    expect([r.status, faultCode(r)]).toEqual([403, '3100'])
    const p = await t.get('/customer/1/5')
    expect([p.status, faultCode(p)]).toEqual([400, '500'])
    expect(faultCode(await t.post('/widget', {}))).toBe('500')
  })

  it('accepts any minorversion, treating old ones as 75', async () => {
    const t = testCompany()
    for (const mv of ['1', '4', '65', '75', 'abc'])
      expect((await t.get(`/customer/1?minorversion=${mv}`)).status).toBe(200)
  })

  it('answers reads of Account, TaxCode and Vendor', async () => {
    const t = testCompany()
    expect(entityOf(await t.get('/account/5'), 'Account')).toMatchObject({
      Name: 'Undeposited Funds',
      AccountType: 'Other Current Asset',
      AccountSubType: 'UndepositedFunds',
    })
    expect(entityOf(await t.get('/taxcode/2'), 'TaxCode')).toMatchObject({ Name: 'Sacramento' })
    const vendors = await t.get(
      `/query?query=${encodeURIComponent("select * from Vendor where DisplayName = 'Garcia Electric'")}`,
    )
    expect((vendors.body.QueryResponse as { Vendor: unknown[] }).Vendor).toHaveLength(1)
  })
})
