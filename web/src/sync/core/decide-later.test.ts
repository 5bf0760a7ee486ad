// "Decide later" holds: a record left undecided in the preview keeps the question on its rows, and no later
// plan sends it (nor what refers to it) until the user answers.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { undecidedSettlements, UNDECIDED_CODE } from './decisions.ts'
import { plan } from './plan.ts'
import { contact, invoice, mapping, planInput, row } from '../test-support/plan-builders.ts'

const AT = '2026-03-01T10:00:00.000Z'
const undecided = { code: UNDECIDED_CODE }
const asked = [
  { kind: 'contact' as const, localIds: ['c1', 'c2'], qboIds: ['58', '59'], labels: { 'qbo:58': 'Diego Ruiz' } },
]

describe('undecidedSettlements', () => {
  const outbox = [
    { seq: 1, kind: 'contact' as const, localId: 'c1', attempts: 0 },
    { seq: 2, kind: 'contact' as const, localId: 'c2', attempts: 2 },
    { seq: 3, kind: 'contact' as const, localId: 'c2', attempts: 0, batchId: 'b1' },
  ] as unknown as Parameters<typeof undecidedSettlements>[2]

  it('keeps the question, with its choices, on every unclaimed row of a record left undecided', () => {
    const s = undecidedSettlements(asked, [], outbox, AT)
    expect(s.map((x) => x.failed?.seqs)).toStrictEqual([[1], [2]])
    expect(s[0]!.failed).toMatchObject({
      release: true,
      error: {
        code: UNDECIDED_CODE,
        choices: [
          { qboId: '58', label: 'Diego Ruiz' },
          { qboId: '59', label: 'QuickBooks record 59' },
        ],
      },
    })
    expect(s[1]!.failed?.attempts).toBe(2)
    expect(s.flatMap((x) => [...x.doneSeqs, ...x.log])).toStrictEqual([])
  })

  it('leaves answered records and records with no queued row alone', () => {
    expect(undecidedSettlements(asked, [{ localId: 'c1' }], outbox, AT).map((x) => x.failed?.seqs)).toStrictEqual([[2]])
    expect(undecidedSettlements(asked, [], [], AT)).toStrictEqual([])
  })
})

describe('plan with rows left at "Decide later"', () => {
  const cases: [string, Parameters<typeof planInput>[0], string[], [string, string][]][] = [
    [
      'an undecided contact is not created',
      { records: { contacts: [contact('c1')] }, outbox: [{ ...row(1, 'contact', 'c1'), lastError: undecided }] },
      [],
      [['c1', 'waiting-for-decision']],
    ],
    [
      'its invoice waits for the decision too',
      {
        records: { contacts: [contact('c1')], invoices: [invoice('i1', 'c1')] },
        outbox: [{ ...row(1, 'contact', 'c1'), lastError: undecided }, row(2, 'invoice', 'i1')],
      },
      [],
      [
        ['c1', 'waiting-for-decision'],
        ['i1', 'waiting-for-decision'],
      ],
    ],
    [
      'another error does not hold a create back',
      {
        records: { contacts: [contact('c1')] },
        outbox: [{ ...row(1, 'contact', 'c1'), lastError: { code: '6240' } }],
      },
      ['create:contact:c1'],
      [],
    ],
    [
      'a record linked since (its answer) is no longer held',
      {
        records: { contacts: [contact('c1', 'Contact c1', { version: 2 })] },
        mappings: [mapping('contact', 'c1', '58')],
        outbox: [{ ...row(1, 'contact', 'c1', { op: 'update', version: 2 }), lastError: undecided }],
      },
      ['update:contact:c1'],
      [],
    ],
  ]
  it.each(cases)('%s', (_name, c, sent, waiting) => {
    const p = plan(planInput(c))
    expect(p.batches.flat()).toStrictEqual(sent)
    expect(p.skipped.map((s) => [s.localId, s.reason])).toStrictEqual(waiting)
  })

  it('however many runs go by, an undecided record is never sent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), (contacts, runs) => {
        const ids = Array.from({ length: contacts }, (_, i) => `c${i}`)
        const input = planInput({
          records: { contacts: ids.map((id) => contact(id)) },
          outbox: ids.map((id, i) => ({ ...row(i + 1, 'contact', id), lastError: undecided })),
        })
        for (let r = 0; r <= runs; r++) expect(plan(input).batches).toStrictEqual([])
      }),
      { numRuns: 50 },
    )
  })
})
