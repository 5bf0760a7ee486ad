import { describe, expect, it } from 'vitest'
import { matchInvoices, type LocalInvoiceCandidate, type RemoteInvoiceCandidate } from './match-invoices.ts'
import type { MatchResult } from './match-types.ts'

describe('matchInvoices', () => {
  it.each<[string, LocalInvoiceCandidate[], RemoteInvoiceCandidate[], Partial<MatchResult>]>([
    [
      'same number, same customer: linked, so it is not sent twice',
      [{ id: 'i1', docNumber: '1042', customerQboId: '58' }],
      [{ id: '155', docNumber: '1042', customerQboId: '58' }],
      { links: [{ localId: 'i1', qboId: '155', via: 'docNumber' }], localOnly: [], remoteOnly: [] },
    ],
    [
      'numbers compare trimmed and case-blind',
      [{ id: 'i1', docNumber: ' inv-7 ', customerQboId: '58' }],
      [{ id: '9', docNumber: 'INV-7', customerQboId: '58' }],
      { links: [{ localId: 'i1', qboId: '9', via: 'docNumber' }] },
    ],
    [
      'same number, another customer: asked',
      [{ id: 'i1', docNumber: '1001', customerQboId: '58' }],
      [{ id: '9', docNumber: '1001', customerQboId: '3' }],
      { links: [], ambiguous: [{ reason: 'customer-differs', key: '1001', localIds: ['i1'], qboIds: ['9'] }] },
    ],
    [
      'same number, customer not linked yet: asked',
      [{ id: 'i1', docNumber: '1001' }],
      [{ id: '9', docNumber: '1001', customerQboId: '3' }],
      { links: [], ambiguous: [{ reason: 'customer-differs', key: '1001', localIds: ['i1'], qboIds: ['9'] }] },
    ],
    [
      'a number QuickBooks holds twice: asked',
      [{ id: 'i1', docNumber: '1001', customerQboId: '3' }],
      [
        { id: '9', docNumber: '1001', customerQboId: '3' },
        { id: '10', docNumber: '1001', customerQboId: '3' },
      ],
      { links: [], ambiguous: [{ reason: 'docNumber', key: '1001', localIds: ['i1'], qboIds: ['10', '9'] }] },
    ],
    [
      'no number: stays local',
      [{ id: 'i1', customerQboId: '3' }],
      [{ id: '9', docNumber: '1001', customerQboId: '3' }],
      { links: [], localOnly: ['i1'], remoteOnly: ['9'] },
    ],
  ])('%s', (_n, local, remote, expected) => {
    expect(matchInvoices(local, remote, [])).toMatchObject(expected)
  })
})
