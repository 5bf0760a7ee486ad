import { describe, expect, it } from 'vitest'
import type { Contact, Invoice, Mapping } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import {
  CDC_CAP,
  foldPull,
  MAX_LOOKBACK_MS,
  mayBeCut,
  nextCheckpoint,
  OVERLAP_MS,
  pullWindow,
  type PullBase,
} from './pull-fold.ts'

const NOW = Date.parse('2026-03-01T10:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const AT = iso(NOW)

describe('pullWindow', () => {
  it.each<[string, string | undefined, { since: string; from: string; tooOld: boolean }]>([
    [
      'a recent checkpoint',
      iso(NOW - 3600_000),
      { since: iso(NOW - 3600_000), from: iso(NOW - 3600_000), tooOld: false },
    ],
    ['no checkpoint', undefined, { since: iso(NOW - MAX_LOOKBACK_MS), from: iso(NOW - MAX_LOOKBACK_MS), tooOld: true }],
    [
      'a checkpoint older than CDC reaches',
      iso(NOW - 40 * 86_400_000),
      { since: iso(NOW - MAX_LOOKBACK_MS), from: iso(NOW - 40 * 86_400_000), tooOld: true },
    ],
  ])('%s', (_name, checkpoint, expected) => {
    expect(pullWindow(NOW, checkpoint)).toStrictEqual(expected)
  })
})

describe('mayBeCut and nextCheckpoint', () => {
  const customers = (n: number) =>
    [{ Customer: Array.from({ length: n }, (_, i) => ({ Id: String(i) })) }] as QboCdcQueryResponse[]
  it.each([
    [CDC_CAP - 1, false],
    [CDC_CAP, true],
  ])('an answer of %i objects may be cut: %s', (n, cut) => {
    expect(mayBeCut(customers(n))).toBe(cut)
  })

  it.each<[string, string | undefined, string]>([
    ['the server time less the overlap', iso(NOW), iso(NOW - OVERLAP_MS)],
    ['now less the overlap without a server time', undefined, iso(NOW - OVERLAP_MS)],
    ['never before where the pull started', iso(NOW - 3600_000 + 5_000), iso(NOW - 3600_000)],
  ])('moves to %s', (_name, serverTime, expected) => {
    expect(nextCheckpoint(iso(NOW - 3600_000), serverTime, NOW)).toBe(expected)
  })
})

describe('foldPull', () => {
  const ann = {
    id: 'c1',
    version: 1,
    updatedAt: '2026-02-01T00:00:00.000Z',
    displayName: 'Ann Lee',
    active: true,
  } as Contact
  const inv = { id: 'i1', version: 1, number: '1001', status: 'finalized', balance: 10_000 } as unknown as Invoice
  const m = (kind: Mapping['kind'], localId: string, qboId: string, syncToken = '1') =>
    ({
      kind,
      localId,
      qboId,
      syncToken,
      realmId: '9341',
      snapshot: { displayName: 'Ann Lee', active: true },
      syncedVersion: 1,
      status: 'synced',
      updatedAt: AT,
    }) as unknown as Mapping
  const base = (outbox: PullBase['outbox'] = []): PullBase => ({
    records: { contacts: [ann], items: [], invoices: [inv] },
    mappings: [m('contact', 'c1', '58'), m('invoice', 'i1', '130')],
    outbox,
  })
  const ctx = { at: AT, realmId: '9341', newId: () => 'new-1' }
  const changed = { Id: '58', SyncToken: '2', DisplayName: 'Ann Lee-Park', MetaData: { LastUpdatedTime: AT } }
  const fold = (page: Record<string, unknown[]>, outbox?: PullBase['outbox']) =>
    foldPull(base(outbox), [page as QboCdcQueryResponse], ctx)

  it.each<[string, Record<string, unknown[]>, string[][]]>([
    [
      'a customer changed there is merged here',
      { Customer: [changed] },
      [['synced', 'Updated from QuickBooks: displayName']],
    ],
    ['our own write coming back is skipped', { Customer: [{ ...changed, SyncToken: '1' }] }, []],
    [
      'a new active customer is created here',
      { Customer: [{ Id: '77', SyncToken: '0', DisplayName: 'Bo Diaz' }] },
      [['synced', 'Created here from QuickBooks (Id 77)']],
    ],
    [
      'an inactive new customer, a deleted one and a job are left alone',
      {
        Customer: [
          { Id: '78', DisplayName: 'Old', Active: false },
          { Id: '58', status: 'Deleted' },
          { Id: '79', DisplayName: 'J', Job: true },
        ],
      },
      [],
    ],
    [
      'an invoice takes back its balance',
      {
        Invoice: [
          {
            Id: '130',
            SyncToken: '1',
            CustomerRef: { value: '58' },
            DocNumber: '1001',
            Balance: 40,
            TotalAmt: 100,
            Line: [],
          },
        ],
      },
      [['synced', 'Balance from QuickBooks: 40.00']],
    ],
  ])('%s', (_name, page, log) => {
    expect(
      fold(page)
        .settlements.map((s) => s.log.map((l) => [l.status, l.details]))
        .flat(),
    ).toStrictEqual(log)
  })

  it('keeps the merge base while a local edit is queued, and moves it otherwise', () => {
    expect(fold({ Customer: [changed] }).settlements[0]!.mapping).toMatchObject({
      syncToken: '2',
      snapshot: { displayName: 'Ann Lee-Park' },
    })
    const pending = fold({ Customer: [changed] }, [{ kind: 'contact', localId: 'c1' as Contact['id'] }])
    expect(pending.settlements[0]!.mapping).toMatchObject({ syncToken: '2', snapshot: { displayName: 'Ann Lee' } })
  })

  it('counts what it created and reports the DocNumbers it saw', () => {
    const out = fold({
      Customer: [{ Id: '77', DisplayName: 'Bo Diaz' }],
      Invoice: [{ Id: '131', DocNumber: '2002', CustomerRef: { value: '99' }, Line: [] }],
    })
    expect([out.created, out.conflicts, out.docNumbers]).toStrictEqual([1, 0, ['2002']])
  })
})
