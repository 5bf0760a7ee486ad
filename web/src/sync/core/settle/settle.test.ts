import { describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import type { SyncFault } from '../fault-types.ts'
import { classifyFault } from '../faults.ts'
import type { SyncOp } from '../plan-types.ts'
import { backoffMs, defaultBackoff } from './backoff.ts'
import { settle, type OpOutcome, type SettleContext } from './settle.ts'
import { skippedLog } from './skips.ts'
import type { Settlement } from './types.ts'

const NOW = '2026-03-01T10:00:00.000Z'
const op = (patch: Partial<SyncOp> = {}): SyncOp => ({
  id: 'create:contact:c1',
  action: 'create',
  kind: 'contact',
  localId: 'c1',
  version: 3,
  outboxSeqs: [7, 9],
  refs: [],
  dependsOn: [],
  label: 'Ann Lee',
  batch: 0,
  ...patch,
})
const record = { id: 'c1', version: 3, updatedAt: NOW, displayName: 'Ann Lee' }
const ctx = (patch: Partial<SettleContext> = {}): SettleContext => ({
  realmId: '9341',
  now: Date.parse(NOW),
  seqs: [7, 9],
  previous: undefined,
  record,
  attempts: 0,
  random: () => 0.5,
  ...patch,
})
const existing: Mapping = {
  kind: 'contact',
  localId: 'c1' as Mapping['localId'],
  qboId: '58' as Mapping['qboId'],
  realmId: '9341',
  syncToken: '2' as Mapping['syncToken'],
  snapshot: { displayName: 'Ann' },
  syncedVersion: 2,
  status: 'synced',
  updatedAt: NOW,
}
const faultOf = (status: number, code?: string): SyncFault =>
  classifyFault({
    type: 'http',
    status,
    body: code === undefined ? undefined : { Fault: { Error: [{ Message: 'm', code }], type: 'ValidationFault' } },
  })
const failed = (f: SyncFault, release = false): OpOutcome => ({ type: 'fault', fault: f, release })
const c1 = 'c1' as Mapping['localId']
const row = { at: NOW, kind: 'contact', localId: c1, label: 'Ann Lee', direction: 'push' } as const

describe('settle: an accepted write', () => {
  it('maps the record (Id, SyncToken, snapshot, synced version), settles its rows and logs it', () => {
    expect(settle(op(), { type: 'ok', entity: { Id: '58', SyncToken: '0' } }, ctx())).toStrictEqual<Settlement>({
      mapping: {
        kind: 'contact',
        localId: 'c1' as Mapping['localId'],
        qboId: '58' as Mapping['qboId'],
        realmId: '9341',
        syncToken: '0' as Mapping['syncToken'],
        snapshot: { displayName: 'Ann Lee' },
        syncedVersion: 3,
        status: 'synced',
        updatedAt: NOW,
      },
      doneSeqs: [7, 9],
      log: [{ ...row, qboId: '58', status: 'synced', details: 'Created in QuickBooks (Id 58)' }],
    })
  })

  it.each<[string, SyncOp, OpOutcome, string[]]>([
    ['an update', op({ action: 'update' }), { type: 'ok', entity: { Id: '58' } }, ['Updated in QuickBooks (Id 58)']],
    ['a void', op({ action: 'void' }), { type: 'ok', entity: { Id: '58' } }, ['Voided in QuickBooks (Id 58)']],
    [
      'a deactivation',
      op({ action: 'update', deactivate: true }),
      { type: 'ok', entity: { Id: '58' } },
      ['Made inactive in QuickBooks (Id 58)'],
    ],
    [
      'nothing to send',
      op({ action: 'update' }),
      { type: 'ok', entity: { Id: '58' }, unchanged: true },
      ['Nothing to change in QuickBooks (Id 58)'],
    ],
    [
      'mapper warnings',
      op(),
      { type: 'ok', entity: { Id: '58' }, warnings: [{ field: 'Notes', message: 'Shortened.' }] },
      ['Created in QuickBooks (Id 58)', 'Notes: Shortened.'],
    ],
  ])('%s is logged in its words', (_n, o, outcome, details) => {
    expect(settle(o, outcome, ctx()).log.map((l) => l.details)).toStrictEqual(details)
  })

  it('snapshots what was sent, not the record as edited since, and keeps the higher synced version', () => {
    const s = settle(
      op({ action: 'update' }),
      {
        type: 'ok',
        entity: { Id: '58', SyncToken: '3' },
        sent: { fields: { displayName: 'Ann' }, version: 1 },
      },
      ctx({ previous: existing }),
    )
    expect(s.mapping).toStrictEqual({ ...existing, syncToken: '3', snapshot: { displayName: 'Ann' }, syncedVersion: 2 })
  })

  it('warns, naming lines and tax, when QuickBooks computed another invoice total', () => {
    const invoice = {
      id: 'inv1',
      version: 1,
      updatedAt: NOW,
      status: 'finalized',
      subtotal: 10_000,
      tax: 0,
      total: 10_000,
      lines: [{ description: 'Labour', qty: 1, unitPrice: 10_000, amount: 10_000, taxable: false }],
    }
    const entity = {
      Id: '130',
      SyncToken: '0',
      TotalAmt: 110,
      Line: [{ Amount: 110, DetailType: 'SalesItemLineDetail' }],
    }
    const s = settle(
      op({ kind: 'invoice', localId: 'inv1', label: 'Invoice 1' }),
      { type: 'ok', entity },
      ctx({ record: invoice }),
    )
    expect(s.log.map((l) => l.status)).toStrictEqual(['synced', 'warning'])
    expect(s.log[1]!.details).toBe(
      'QuickBooks total 110.00 differs from Fieldsync total 100.00. ' +
        "Line 1: here 100.00, QuickBooks 110.00. Payments apply at most QuickBooks' balance.",
    )
  })
})

describe('settle: a failed op', () => {
  it('keeps a transient failure with a jittered next attempt from the live policy and an info row', () => {
    const s = settle(op(), failed(faultOf(503)), ctx({ attempts: 2, random: () => 0 }))
    // Third attempt: ceiling 500 ms · 2² = 2 s, jitter over its upper half from 1 s.
    expect(s.failed).toStrictEqual({
      seqs: [7, 9],
      attempts: 3,
      nextAttemptAt: '2026-03-01T10:00:01.000Z',
      release: false,
      error: { code: 'http-503', message: faultOf(503).userMessage, at: NOW },
    })
    expect(s.log).toStrictEqual([
      { ...row, qboId: undefined, status: 'info', details: `${faultOf(503).userMessage} Waiting to try again.` },
    ])
    expect(s.mapping).toBeUndefined()
  })

  it('waits at least as long as QuickBooks asked after throttling, with nothing in the log', () => {
    const throttled = classifyFault({ type: 'http', status: 429, retryAfterMs: 60_000 })
    const s = settle(op(), failed(throttled), ctx())
    expect(s.failed?.nextAttemptAt).toBe('2026-03-01T10:01:00.000Z')
    expect(s.log).toStrictEqual([])
  })

  it('marks the mapping red and keeps the row without a retry time when only the user can fix it', () => {
    const s = settle(op({ action: 'update' }), failed(faultOf(400, '6240'), true), ctx({ previous: existing }))
    expect(s.mapping).toStrictEqual({ ...existing, status: 'error', lastError: s.failed?.error })
    expect(s.failed).toMatchObject({ seqs: [7, 9], attempts: 1, release: true, nextAttemptAt: undefined })
    expect(s.log.map((l) => [l.status, l.qboId])).toStrictEqual([['error', '58']])
  })

  it('draws a random number only when it sets a retry time', () => {
    let draws = 0
    settle(op(), failed(faultOf(400, '6240')), ctx({ random: () => (draws++, 0.5) }))
    expect(draws).toBe(0)
    settle(op(), failed(faultOf(503)), ctx({ random: () => (draws++, 0.5) }))
    expect(draws).toBe(1)
  })

  it('names the clashing record of a duplicate when the message does not', () => {
    const dup: SyncFault = { ...faultOf(400, '6240'), conflictingId: '77', field: undefined }
    expect(settle(op(), failed(dup), ctx()).log.map((l) => [l.qboId, l.details])).toStrictEqual([
      ['77', `${dup.userMessage} The QuickBooks record with Id 77 has this name.`],
    ])
  })
})

describe('settle: a blocked op', () => {
  it('settles nothing and says what it waits for', () => {
    expect(settle(op(), { type: 'blocked' }, ctx())).toStrictEqual({
      doneSeqs: [],
      log: [
        {
          ...row,
          status: 'skipped',
          details: 'Waiting for a record it refers to, which did not reach QuickBooks yet.',
        },
      ],
    })
  })
})

describe('backoffMs', () => {
  it.each<[number, number, number | undefined, number]>([
    [1, 0, undefined, 250],
    [1, 1, undefined, 500],
    [3, 0.5, undefined, 1500],
    [30, 1, undefined, defaultBackoff.maxMs],
    [30, 0, undefined, defaultBackoff.maxMs / 2],
    [1, 0.5, 10_000, 10_000],
  ])('attempt %i, random %f, asked %s → %i ms', (attempt, random, asked, ms) => {
    expect(backoffMs(attempt, random, asked)).toBe(ms)
  })
})

describe('skippedLog', () => {
  it.each([
    ['draft', 'Drafts sync once finalized.'],
    ['waiting-for-decision', 'Waiting for your decision on a possible match.'],
    ['never-synced', 'Deleted before it reached QuickBooks: nothing to send.'],
  ] as const)('a %s record gets a skipped row in plain words', (reason, details) => {
    const skipped = [{ kind: 'invoice' as const, localId: 'i1', reason, label: 'Invoice 1', outboxSeqs: [] }]
    expect(skippedLog({ skipped }, NOW)).toStrictEqual([
      { at: NOW, kind: 'invoice', localId: 'i1', label: 'Invoice 1', direction: 'none', status: 'skipped', details },
    ])
  })
})
