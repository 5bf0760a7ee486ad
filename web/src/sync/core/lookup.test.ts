import { describe, expect, it } from 'vitest'
import type { SyncKind } from '#shared/domain/index.ts'
import { lookupOf, qboString } from './lookup.ts'
import { invoiceKey } from './map/invoice-key.ts'
import { paymentKey } from './map/payment.ts'

const note = `Paid by card\n${paymentKey('p1')}`
const invoiceNote = invoiceKey('p1')

describe('lookupOf', () => {
  it.each<[string, SyncKind, Record<string, unknown>, string | undefined]>([
    [
      'a customer by DisplayName',
      'contact',
      { DisplayName: "O'Brien" },
      "SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien' MAXRESULTS 1000",
    ],
    [
      'a name with typographic quotes by LIKE',
      'contact',
      { DisplayName: 'Ann’s Bakery' },
      "SELECT * FROM Customer WHERE DisplayName LIKE 'Ann%s Bakery' MAXRESULTS 1000",
    ],
    ['an item by Name', 'item', { Name: 'Filter' }, "SELECT * FROM Item WHERE Name = 'Filter' MAXRESULTS 1000"],
    [
      'an invoice by DocNumber',
      'invoice',
      { DocNumber: '1001', CustomerRef: { value: '58' } },
      "SELECT * FROM Invoice WHERE DocNumber = '1001' MAXRESULTS 1000",
    ],
    ['no invoice without a number or the key', 'invoice', { CustomerRef: { value: '58' } }, undefined],
    [
      "an invoice QuickBooks numbered by customer and date, then the app's key",
      'invoice',
      { CustomerRef: { value: '58' }, TxnDate: '2026-03-02', PrivateNote: invoiceNote },
      "SELECT * FROM Invoice WHERE CustomerRef = '58' AND TxnDate = '2026-03-02' MAXRESULTS 1000",
    ],
    [
      'a keyed invoice sent without a date by its customer',
      'invoice',
      { CustomerRef: { value: '58' }, DocNumber: '1001', PrivateNote: invoiceNote },
      "SELECT * FROM Invoice WHERE CustomerRef = '58' MAXRESULTS 1000",
    ],
    [
      'a payment by customer and date',
      'payment',
      { CustomerRef: { value: '58' }, TxnDate: '2026-03-02', PrivateNote: note },
      "SELECT * FROM Payment WHERE CustomerRef = '58' AND TxnDate = '2026-03-02' MAXRESULTS 1000",
    ],
    [
      "no payment sent without the app's key",
      'payment',
      { CustomerRef: { value: '58' }, TxnDate: '2026-03-02' },
      undefined,
    ],
  ])('finds %s', (_name, kind, body, statement) => {
    expect(lookupOf(kind, 'p1', body)?.statement).toBe(statement)
  })

  it.each<[string, SyncKind, Record<string, unknown>, Record<string, unknown>, boolean]>([
    [
      'an invoice of the same customer',
      'invoice',
      { DocNumber: '1', CustomerRef: { value: '58' } },
      { CustomerRef: { value: '58' } },
      true,
    ],
    [
      'not one of another customer',
      'invoice',
      { DocNumber: '1', CustomerRef: { value: '58' } },
      { CustomerRef: { value: '9' } },
      false,
    ],
    [
      'an invoice carrying its key',
      'invoice',
      { CustomerRef: { value: '58' }, PrivateNote: invoiceNote },
      { CustomerRef: { value: '58' }, DocNumber: '1031', PrivateNote: `Voided\n${invoiceNote}` },
      true,
    ],
    [
      "not another invoice of the customer's that day",
      'invoice',
      { CustomerRef: { value: '58' }, PrivateNote: invoiceNote },
      { CustomerRef: { value: '58' }, PrivateNote: invoiceKey('p2') },
      false,
    ],
    ['only the exact name of a LIKE match', 'contact', { DisplayName: 'Ann’s' }, { DisplayName: "Ann's" }, false],
    [
      'a payment carrying its key',
      'payment',
      { CustomerRef: { value: '58' }, TxnDate: 'd', PrivateNote: note },
      { CustomerRef: { value: '58' }, PrivateNote: note },
      true,
    ],
  ])('takes as ours %s: %s', (_name, kind, body, found, ours) => {
    expect(lookupOf(kind, 'p1', body)!.isOurs(found)).toBe(ours)
  })
})

describe('qboString', () => {
  it.each([
    ["O'Brien", "'O\\'Brien'"],
    ['a\\b', "'a\\\\b'"],
  ])('%s → %s', (value, literal) => {
    expect(qboString(value)).toBe(literal)
  })
})
