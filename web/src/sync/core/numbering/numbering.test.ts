import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { customTxnNumbersOf, highestNumber, nextFreeNumber, renumber, renumberSummary } from './numbering.ts'
import { numberFromQuickBooks, renumberSettlement, withQuickBooksNumber } from './settle.ts'
import { hasInvoiceKey, invoiceCreateBody, invoiceKey } from '../map/invoice-key.ts'

const custom = (highest: number | undefined) => ({ customTxnNumbers: true, highest })
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

describe('renumber', () => {
  const cases: [string, Parameters<typeof renumber>[0], [string, string, string][], number][] = [
    [
      'a tablet invoice 1001 against a company at 1001–1030 becomes 1031',
      {
        unsent: [{ localId: 'a', number: '1001' }],
        taken: new Set(['1001']),
        numbering: custom(1030),
        nextLocal: 1002,
        localNumbers: new Set(['1001']),
      },
      [['a', '1001', '1031']],
      1032,
    ],
    [
      'three clashing invoices take 1031–1033 in the order of their numbers',
      {
        unsent: [
          { localId: 'c', number: '1003' },
          { localId: 'a', number: '1001' },
          { localId: 'b', number: '1002' },
        ],
        taken: new Set(['1001', '1002', '1003']),
        numbering: custom(1030),
        nextLocal: 1004,
        localNumbers: new Set(['1001', '1002', '1003']),
      },
      [
        ['a', '1001', '1031'],
        ['b', '1002', '1032'],
        ['c', '1003', '1033'],
      ],
      1034,
    ],
    [
      'a free number is kept, and new numbers skip the ones used here',
      {
        unsent: [
          { localId: 'a', number: '1001' },
          { localId: 'b', number: '1031' },
        ],
        taken: new Set(['1001']),
        numbering: custom(1030),
        nextLocal: 1032,
        localNumbers: new Set(['1001', '1031']),
      },
      [['a', '1001', '1032']],
      1033,
    ],
    [
      'QuickBooks numbers invoices itself: none is renumbered (none is sent), the counter still moves past its highest',
      {
        unsent: [{ localId: 'a', number: '1001' }],
        taken: new Set(['1001']),
        numbering: { customTxnNumbers: false, highest: 1030 },
        nextLocal: 1002,
        localNumbers: new Set(['1001']),
      },
      [],
      1031,
    ],
    [
      'a company with no invoices: nothing clashes, the counter stays',
      {
        unsent: [{ localId: 'a', number: '1001' }],
        taken: new Set(),
        numbering: custom(undefined),
        nextLocal: 1002,
        localNumbers: new Set(['1001']),
      },
      [],
      1002,
    ],
  ]
  it.each(cases)('%s', (_name, input, renumbered, next) => {
    const p = renumber(input)
    expect(p.renumbered.map((r) => [r.localId, r.from, r.to])).toStrictEqual(renumbered)
    expect(p.next).toBe(next)
  })

  it('never gives a number QuickBooks or this device has, never twice, and the counter is past all of them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1000, max: 1060 }), { maxLength: 25 }),
        fc.uniqueArray(fc.integer({ min: 1000, max: 1060 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 1070 }),
        (mine, theirs, nextLocal) => {
          const taken = new Set(theirs.map(String))
          const localNumbers = new Set(mine.map(String))
          const unsent = mine.map((n) => ({ localId: `l${n}`, number: String(n) }))
          const p = renumber({
            unsent,
            taken,
            numbering: custom(highestNumber(theirs.map(String))),
            nextLocal,
            localNumbers,
          })
          const to = p.renumbered.map((r) => r.to)
          expect(new Set(to).size).toBe(to.length)
          for (const n of to) {
            expect(taken.has(n)).toBe(false)
            expect(localNumbers.has(n)).toBe(false)
            expect(Number(n)).toBeLessThan(p.next)
          }
          // Exactly the clashing ones move; afterwards no unsent number is one QuickBooks has.
          expect(p.renumbered.map((r) => r.from).sort()).toStrictEqual(
            mine
              .filter((n) => taken.has(String(n)))
              .map(String)
              .sort(),
          )
          expect(p.next).toBeGreaterThan(Math.max(0, ...theirs))
          expect(p.next).toBeGreaterThanOrEqual(nextLocal)
        },
      ),
    )
  })
})

describe('the company numbering as QuickBooks says it', () => {
  it.each<[string, unknown, boolean]>([
    ['custom numbers on', { SalesFormsPrefs: { CustomTxnNumbers: true } }, true],
    ['QuickBooks numbers', { SalesFormsPrefs: { CustomTxnNumbers: false } }, false],
    ['not said: send numbers (checked before sending)', {}, true],
  ])('%s', (_n, prefs, on) => expect(customTxnNumbersOf(prefs)).toBe(on))

  it('the highest numeric DocNumber, ignoring ones that are not numbers', () => {
    expect(highestNumber(['1001', 'INV-99999', ' 1030 ', '', undefined, '2024/7', '1002'])).toBe(1030)
    expect(highestNumber([])).toBeUndefined()
  })

  it('the next free number skips every used one', () => {
    const used = new Set(range(1031, 1035))
    expect(nextFreeNumber(1031, (n) => used.has(n))).toBe(1036)
    expect(nextFreeNumber(1040, (n) => used.has(n))).toBe(1040)
  })
})

describe('what the preview and the log say', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['1031'], '1 invoice will be renumbered 1031: QuickBooks already has its number.'],
    [['1031', '1032', '1033'], '3 invoices will be renumbered 1031–1033: QuickBooks already has their numbers.'],
    [['1031', '1040'], '2 invoices will be renumbered 1031, 1040: QuickBooks already has their numbers.'],
  ])('%j', (to, words) => {
    expect(renumberSummary(to.map((t, i) => ({ localId: String(i), from: '1', to: t })))).toBe(words)
  })

  it('a renumbered invoice is written with its new number and one log row', () => {
    const s = renumberSettlement({ id: 'a', number: '1001', total: 100 }, '1031', '2026-01-01T00:00:00.000Z')
    expect(s.records).toStrictEqual([{ kind: 'invoice', record: { id: 'a', number: '1031', total: 100 } }])
    expect(s.log.map((l) => [l.label, l.status, l.details])).toStrictEqual([
      ['Invoice 1031', 'info', 'Renumbered 1001 → 1031: QuickBooks already has an invoice 1001.'],
    ])
    expect(s.doneSeqs).toStrictEqual([])
  })

  it("QuickBooks' own number replaces the local one once synced, and only when it differs", () => {
    expect(numberFromQuickBooks({ id: 'a', number: '1001' }, '1207')).toStrictEqual([
      { kind: 'invoice', record: { id: 'a', number: '1207' } },
    ])
    expect(numberFromQuickBooks({ id: 'a', number: '1207' }, '1207')).toBeUndefined()
    expect(numberFromQuickBooks({ id: 'a', number: '1001' }, undefined)).toBeUndefined()
  })
})

describe('a new invoice as it goes out', () => {
  const body = { CustomerRef: { value: '7' }, DocNumber: '1001', TxnDate: '2026-03-02' }

  it("sends no number when QuickBooks numbers the company's invoices, and always the app's key", () => {
    expect(invoiceCreateBody(body, 'a', true)).toStrictEqual({
      CustomerRef: { value: '7' },
      TxnDate: '2026-03-02',
      PrivateNote: 'Fieldsync invoice a',
    })
    expect(invoiceCreateBody(body, 'a', false)).toStrictEqual({ ...body, PrivateNote: 'Fieldsync invoice a' })
  })

  it('keeps a note already there, cut so the key fits 4000 characters', () => {
    const long = invoiceCreateBody({ ...body, PrivateNote: 'x'.repeat(5000) }, 'a', true)['PrivateNote'] as string
    expect(long).toHaveLength(4000)
    expect(hasInvoiceKey(long, 'a')).toBe(true)
    expect(hasInvoiceKey(`Voided\n${invoiceKey('a')}`, 'a')).toBe(true)
    expect(hasInvoiceKey(invoiceKey('ab'), 'a')).toBe(false)
  })

  it("takes QuickBooks' number on the record and in the mapping's snapshot", () => {
    const settled = {
      doneSeqs: [1],
      log: [],
      mapping: { snapshot: { number: '1001', total: 100 } } as never,
    }
    const s = withQuickBooksNumber(settled, { id: 'a', number: '1001' }, '1031')
    expect(s.records).toStrictEqual([{ kind: 'invoice', record: { id: 'a', number: '1031' } }])
    expect((s.mapping as unknown as { snapshot: unknown }).snapshot).toStrictEqual({ number: '1031', total: 100 })
    expect(withQuickBooksNumber(settled, { id: 'a', number: '1031' }, '1031')).toBe(settled)
  })
})
