import { describe, expect, it } from 'vitest'
import { QboCustomerResponse } from '#shared/qbo/index.ts'
import { contactToCustomer, customerToContact, type ContactFields } from './customer.ts'
import { sparseUpdate } from './sparse.ts'
import {
  customerReadWithEmail as withEmail,
  customerReadWithoutEmail as withoutEmail,
  customerReadSample as docsSample,
  customerCreateResponse as created,
} from '../../test-support/qbo-fixtures.ts'
import { QboId } from '#shared/ids.ts'

const customer = (fixture: unknown) => QboCustomerResponse.parse(fixture).Customer

describe('customerToContact (recorded QuickBooks customers)', () => {
  it.each<[string, unknown, ContactFields]>([
    [
      'a customer with email, phone, company and billing address',
      withEmail,
      {
        displayName: 'Test Customer Updated Final',
        givenName: 'Amy',
        familyName: 'Lauterbach',
        companyName: "Amy's Bird Sanctuary",
        email: 'Birds@Intuit.com',
        phone: '(650) 555-3311',
        billingAddress: { line1: '4581 Finch St.', city: 'Bayshore', region: 'CA', postalCode: '94326' },
        active: true,
      },
    ],
    ['a customer with a display name only', withoutEmail, { displayName: 'Doe2, Jane', active: true }],
    [
      "Intuit's published sample (geocoded address: Lat/Long/Id are QuickBooks' own)",
      docsSample,
      {
        displayName: "Bill's Windsurf Shop",
        givenName: 'Bill',
        familyName: 'Lucchini',
        companyName: "Bill's Windsurf Shop",
        email: 'Surf@Intuit.com',
        phone: '(415) 444-6538',
        billingAddress: { line1: '12 Ocean Dr.', city: 'Half Moon Bay', region: 'CA', postalCode: '94213' },
        active: true,
      },
    ],
  ])('%s', (_name, fixture, expected) => {
    const r = customerToContact(customer(fixture))
    expect(r).toStrictEqual({ ok: true, value: { value: expected, warnings: [] } })
  })

  it('falls back on the person or company name when DisplayName is missing, and drops an invalid email with a warning', () => {
    const r = customerToContact({
      Id: QboId.parse('5'),
      GivenName: 'Ann',
      FamilyName: 'Lee',
      PrimaryEmailAddr: { Address: 'not mail' },
    })
    expect(r).toMatchObject({
      ok: true,
      value: { value: { displayName: 'Ann Lee', active: true }, warnings: [{ field: 'email' }] },
    })
  })
})

describe('contactToCustomer', () => {
  it('builds the body Nango sent to a live sandbox from the same contact', () => {
    const c = customer(created)
    const back = customerToContact(c)
    if (!back.ok) throw new Error('fixture did not map')
    const r = contactToCustomer(back.value.value)
    expect(r).toStrictEqual({
      ok: true,
      value: {
        value: {
          // The recorded request body (SOURCES.md), plus Active.
          DisplayName: 'Test Customer May 2026 Regen',
          GivenName: 'Test',
          FamilyName: 'Customer',
          PrimaryEmailAddr: { Address: 'testcustomer@example.com' },
          PrimaryPhone: { FreeFormNumber: '(555) 555-1234' },
          BillAddr: {
            Line1: '123 Test Street',
            City: 'Mountain View',
            Country: 'USA',
            CountrySubDivisionCode: 'CA',
            PostalCode: '94042',
          },
          Notes: 'Test customer created via Nango action',
          Active: true,
        },
        warnings: [],
      },
    })
  })

  it.each<[string, ContactFields, Record<string, unknown>, string[]]>([
    [
      'colons, tabs and newlines leave names',
      { displayName: 'Dukes:\tBasketball\nCamp', givenName: 'A:B', active: true },
      { DisplayName: 'Dukes Basketball Camp', GivenName: 'A B' },
      ['DisplayName', 'GivenName'],
    ],
    [
      'a display name over 500 characters is cut',
      { displayName: 'x'.repeat(501), active: true },
      { DisplayName: 'x'.repeat(500) },
      ['DisplayName'],
    ],
    [
      'name parts over 100 characters are cut',
      { displayName: 'Ann', familyName: 'y'.repeat(120), active: true },
      { FamilyName: 'y'.repeat(100) },
      ['FamilyName'],
    ],
    [
      'an email without a dot is not sent',
      { displayName: 'Ann', email: 'ann@localhost', active: true },
      { PrimaryEmailAddr: undefined },
      ['PrimaryEmailAddr'],
    ],
    [
      'a phone over 30 characters is not sent',
      { displayName: 'Ann', phone: '+1 (650) 555-3311 ext. 12345678', active: true },
      { PrimaryPhone: undefined },
      ['PrimaryPhone'],
    ],
    [
      'notes over 2000 characters are cut',
      { displayName: 'Ann', notes: 'n'.repeat(2500), active: true },
      { Notes: 'n'.repeat(2000) },
      ['Notes'],
    ],
    ['an inactive contact stays inactive', { displayName: 'Ann', active: false }, { Active: false }, []],
  ])('%s', (_name, contact, expectedFields, warnedFields) => {
    const r = contactToCustomer(contact)
    if (!r.ok) throw new Error(r.error.message)
    for (const [k, v] of Object.entries(expectedFields)) expect(r.value.value[k]).toStrictEqual(v)
    expect(r.value.warnings.map((w) => w.field)).toStrictEqual(warnedFields)
  })

  it('refuses a contact whose name is nothing but forbidden characters', () => {
    expect(contactToCustomer({ displayName: ' : \t', active: true })).toMatchObject({
      ok: false,
      error: { field: 'DisplayName' },
    })
  })
})

describe('customer sparse updates', () => {
  it('send only what changed, and blank what was removed', () => {
    const before = contactToCustomer({ displayName: 'Ann Lee', email: 'ann@x.test', phone: '555', active: true })
    const after = contactToCustomer({ displayName: 'Ann Lee', email: 'ann@y.test', active: true })
    if (!before.ok || !after.ok) throw new Error('did not map')
    expect(sparseUpdate({ Id: '58', SyncToken: '3' }, after.value.value, before.value.value)).toStrictEqual({
      Id: '58',
      SyncToken: '3',
      sparse: true,
      PrimaryEmailAddr: { Address: 'ann@y.test' },
      PrimaryPhone: { FreeFormNumber: '' },
    })
    expect(sparseUpdate({ Id: '58', SyncToken: '3' }, after.value.value, after.value.value)).toBeUndefined()
  })
})
