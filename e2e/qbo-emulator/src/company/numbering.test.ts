import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import type { TestCompany } from './test-helpers.ts'
import { entityOf, faultCode, REALM, salesLine, testCompany } from './test-helpers.ts'
import { preferences } from '../seeds/company-setup.ts'

// Invoice numbering as Intuit documents it (§3.3 DocNumber, §3.6 Preferences, §9.3 6140, §15.9).
const body = (DocNumber?: string): Json => ({
  CustomerRef: { value: '1' },
  ...(DocNumber === undefined ? {} : { DocNumber }),
  Line: [salesLine('1', 1, 89, 89)],
})
const create = (t: TestCompany, DocNumber?: string, query = '') => t.post(`/invoice${query}`, body(DocNumber))
const withNumber = async (t: TestCompany, doc: string) =>
  (
    (await t.get(`/query?query=${encodeURIComponent(`select * from Invoice where DocNumber = '${doc}'`)}`)).body
      .QueryResponse as Json
  ).Invoice as Json[] | undefined
/** The small seed's invoices run 1001–1030; 1001 is held by the first. */
const holderOf1001 = (t: TestCompany) =>
  String(t.companies.snapshot(REALM)?.entities.Invoice?.find((i) => i.DocNumber === '1001')?.Id)

describe('Preferences', () => {
  it('serves SalesFormsPrefs.CustomTxnNumbers and the duplicate refusal, changed per company by the admin', async () => {
    const t = testCompany()
    const before = (await t.get('/preferences')).body.Preferences as Json
    expect(before).toMatchObject({ SalesFormsPrefs: { CustomTxnNumbers: false }, SyncToken: '0' })
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    const after = (await t.get('/preferences')).body.Preferences as Json
    expect(after).toMatchObject({ SalesFormsPrefs: { CustomTxnNumbers: true, AllowDiscount: true }, SyncToken: '1' })
    expect((after.OtherPrefs as Json).NameValue).toEqual(
      expect.arrayContaining([
        { Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' },
        { Name: 'WarnDuplicateInvoiceNumber', Value: 'true' },
      ]),
    )
    expect(t.companies.setNumbering('nope', { customTxnNumbers: true })).toBeUndefined()
  })

  it('is set per company by seed', () => {
    const t = testCompany('none')
    t.companies.seed('42', { preferences: preferences({ customTxnNumbers: true, warnDuplicateDocNumber: false }) })
    const prefs = t.companies.snapshot('42')?.preferences as Json
    expect(prefs.SalesFormsPrefs).toMatchObject({ CustomTxnNumbers: true })
    expect((prefs.OtherPrefs as Json).NameValue).toContainEqual({ Name: 'WarnDuplicateInvoiceNumber', Value: 'false' })
  })
})

describe('CustomTxnNumbers off: QuickBooks numbers invoices', () => {
  it('assigns one past the highest number when none is sent; a sent number is kept, duplicate or not', async () => {
    const t = testCompany()
    expect(entityOf(await create(t), 'Invoice').DocNumber).toBe('1031')
    expect(entityOf(await create(t, '1001'), 'Invoice').DocNumber).toBe('1001')
    expect(await withNumber(t, '1001')).toHaveLength(2)
    expect(entityOf(await create(t, '2000'), 'Invoice').DocNumber).toBe('2000')
    expect(entityOf(await create(t), 'Invoice').DocNumber).toBe('2001')
  })

  it('keeps its counter when an update sets a number (the reference: updates do not alter it)', async () => {
    const t = testCompany()
    const a = entityOf(await create(t), 'Invoice')
    await t.post('/invoice', { Id: a.Id, SyncToken: a.SyncToken, sparse: true, DocNumber: '5000' })
    expect(entityOf(await create(t), 'Invoice').DocNumber).toBe('1032')
  })
})

describe('CustomTxnNumbers on', () => {
  it('refuses a number in use with 6140 in Intuit’s fault shape while duplicates are refused', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    const r = await create(t, '1001')
    expect(r.status).toBe(400)
    expect(r.body.Fault).toEqual({
      Error: [
        {
          Message: 'Duplicate Document Number Error',
          Detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=1001 is assigned to TxnType=Invoice with TxnId=${holderOf1001(t)}`,
          code: '6140',
          element: 'DocNumber',
        },
      ],
      type: 'ValidationFault',
    })
    expect(typeof r.body.time).toBe('string')
    expect(await withNumber(t, '1001')).toHaveLength(1)
  })

  it('takes duplicates when the company does not refuse them: the books then hold two 1001s', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true, warnDuplicateDocNumber: false })
    expect(entityOf(await create(t, '1001'), 'Invoice').DocNumber).toBe('1001')
    expect(await withNumber(t, '1001')).toHaveLength(2)
  })

  it('takes a duplicate sent with include=allowduplicatedocnum', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    expect((await create(t, '1001', '?include=allowduplicatedocnum&minorversion=75')).status).toBe(200)
    expect(await withNumber(t, '1001')).toHaveLength(2)
  })

  it('keeps no number when none is sent; the QuickBooks form (bookkeeper) proposes the next one', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    expect(entityOf(await create(t), 'Invoice').DocNumber).toBeUndefined()
    const made = t.companies.bookkeeperCreate(REALM, 'Invoice', body())
    expect(made.ok && made.value.DocNumber).toBe('1031')
    expect(faultCode(await create(t, '1031'))).toBe('6140')
    const next = t.companies.bookkeeperCreate(REALM, 'Invoice', body())
    expect(next.ok && next.value.DocNumber).toBe('1032')
  })

  it('refuses an update to a number in use, but lets an invoice that already shares one be edited', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true, warnDuplicateDocNumber: false })
    const dup = entityOf(await create(t, '1001'), 'Invoice')
    t.companies.setNumbering(REALM, { warnDuplicateDocNumber: true })
    const edited = await t.post('/invoice', { Id: dup.Id, SyncToken: dup.SyncToken, sparse: true, PrivateNote: 'ok' })
    expect(entityOf(edited, 'Invoice').DocNumber).toBe('1001')
    const other = entityOf(await create(t, '7000'), 'Invoice')
    expect(
      faultCode(
        await t.post('/invoice', { Id: other.Id, SyncToken: other.SyncToken, sparse: true, DocNumber: '1002' }),
      ),
    ).toBe('6140')
  })

  it('frees a number when its invoice is deleted, not when it is voided', async () => {
    const t = testCompany()
    t.companies.setNumbering(REALM, { customTxnNumbers: true })
    const a = entityOf(await create(t, 'A-1'), 'Invoice')
    const b = entityOf(await create(t, 'A-2'), 'Invoice')
    await t.post('/invoice?operation=void', { Id: a.Id, SyncToken: a.SyncToken })
    await t.post('/invoice?operation=delete', { Id: b.Id, SyncToken: b.SyncToken })
    expect(faultCode(await create(t, 'A-1'))).toBe('6140')
    expect((await create(t, 'A-2')).status).toBe(200)
  })
})
