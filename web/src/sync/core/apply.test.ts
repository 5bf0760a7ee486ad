import { describe, expect, it } from 'vitest'
import type { Mapping } from '../../../../shared/domain/index.ts'
import { applyOutcome, backoffMs, BACKOFF, skippedLog, type ApplyContext, type OpOutcome, type RowChanges } from './apply.ts'
import { classifyFault } from './faults.ts'
import type { SyncOp } from './plan-types.ts'

const NOW = '2026-03-01T10:00:00.000Z'
const op = (patch: Partial<SyncOp> = {}): SyncOp => ({
  id: 'create:contact:c1', action: 'create', kind: 'contact', localId: 'c1', version: 3, outboxSeqs: [7, 9],
  refs: [], dependsOn: [], label: 'Ann Lee', batch: 0, ...patch,
})
const ctx = (patch: Partial<ApplyContext> = {}): ApplyContext => ({ realmId: '9341', now: NOW, attempts: 0, random: 0.5, ...patch })
const existing: Mapping = {
  kind: 'contact', localId: 'c1' as Mapping['localId'], qboId: '58' as Mapping['qboId'], realmId: '9341',
  syncToken: '2' as Mapping['syncToken'], snapshot: { displayName: 'Ann' }, syncedVersion: 2, status: 'synced', updatedAt: NOW,
}
const fault = (status: number, code?: string): OpOutcome => ({
  type: 'fault',
  fault: classifyFault({ type: 'http', status, body: code === undefined ? undefined : { Fault: { Error: [{ Message: 'm', code }], type: 'ValidationFault' } } }),
})

describe('applyOutcome', () => {
  it('a created record gets its mapping (Id, SyncToken, snapshot, synced version), its rows settle, and the log says so', () => {
    const r = applyOutcome(op(), { type: 'ok', qboId: '58', syncToken: '0', snapshot: { displayName: 'Ann Lee' } }, ctx())
    expect(r).toStrictEqual<RowChanges>({
      mapping: {
        kind: 'contact', localId: 'c1' as Mapping['localId'], qboId: '58' as Mapping['qboId'], realmId: '9341', syncToken: '0' as Mapping['syncToken'],
        snapshot: { displayName: 'Ann Lee' }, syncedVersion: 3, status: 'synced', updatedAt: NOW,
      },
      outboxDone: [7, 9],
      log: [{ at: NOW, kind: 'contact', label: 'Ann Lee', localId: 'c1' as Mapping['localId'], qboId: '58', direction: 'push', status: 'synced', details: 'Created in QuickBooks.' }],
    })
  })

  it.each<[string, SyncOp, OpOutcome, Partial<RowChanges>]>([
    ['a link is logged as matched', op({ action: 'link', qboId: '58', outboxSeqs: [] }), { type: 'ok', qboId: '58', syncToken: '4', snapshot: {} },
      { outboxDone: [], log: [expect.objectContaining({ status: 'matched', direction: 'none' })] }],
    ['a pull records the new local id', op({ action: 'pull', localId: undefined, qboId: '77', outboxSeqs: [] }), { type: 'ok', qboId: '77', syncToken: '0', snapshot: {}, localId: 'new1' },
      { mapping: expect.objectContaining({ localId: 'new1', qboId: '77' }), log: [expect.objectContaining({ status: 'synced', direction: 'pull' })] }],
    ['mapper warnings become warning rows', op(), { type: 'ok', qboId: '58', syncToken: '0', snapshot: {}, warnings: [{ field: 'Notes', message: 'Shortened.' }] },
      { log: [expect.objectContaining({ status: 'synced' }), expect.objectContaining({ status: 'warning', details: 'Notes: Shortened.' })] }],
  ])('%s', (_n, o, outcome, expected) => {
    expect(applyOutcome(o, outcome, ctx())).toMatchObject(expected)
  })

  it('a transient failure keeps the rows with a jittered next attempt and an info row', () => {
    const r = applyOutcome(op(), fault(503), ctx({ attempts: 2, random: 0 }))
    expect(r.outboxRetry).toStrictEqual({ seqs: [7, 9], attempts: 3, nextAttemptAt: '2026-03-01T10:00:04.000Z', lastError: { code: 'http-503', message: expect.any(String), at: NOW } })
    expect(r.log).toMatchObject([{ status: 'info' }])
    expect(r.mapping).toBeUndefined()
  })

  it('a rate limit waits as long as QuickBooks asked, with nothing in the log', () => {
    const r = applyOutcome(op(), { type: 'fault', fault: classifyFault({ type: 'http', status: 429, retryAfterMs: 60_000 }) }, ctx())
    expect(r.outboxRetry?.nextAttemptAt).toBe('2026-03-01T10:01:00.000Z')
    expect(r.log).toStrictEqual([])
  })

  it('a stale object asks for a re-read and merge, at once', () => {
    const r = applyOutcome(op({ action: 'update', qboId: '58' }), fault(400, '5010'), ctx({ mapping: existing }))
    expect(r).toMatchObject({ refetch: { kind: 'contact', qboId: '58' }, outboxRetry: { attempts: 1 } })
    expect(r.outboxRetry?.nextAttemptAt).toBeUndefined()
    expect(r.mapping).toBeUndefined()
  })

  it('a duplicate name marks the mapping red and keeps the row until the user renames or links', () => {
    const r = applyOutcome(op({ action: 'update', qboId: '58' }), fault(400, '6240'), ctx({ mapping: existing }))
    expect(r.mapping).toMatchObject({ status: 'error', lastError: { code: '6240' }, syncedVersion: 2, qboId: '58' })
    expect(r.outboxRetry).toMatchObject({ seqs: [7, 9], attempts: 1 })
    expect(r.outboxRetry?.nextAttemptAt).toBeUndefined()
    expect(r.log).toMatchObject([{ status: 'error', details: expect.stringContaining('(DisplayName)') }])
  })

  it('an expired connection pauses sync and asks to reconnect', () => {
    expect(applyOutcome(op(), fault(401), ctx())).toMatchObject({ pause: 'reconnect', log: [{ status: 'error' }] })
  })
})

describe('backoffMs', () => {
  it.each([[0, 0, 1000], [0, 1, 2000], [3, 0.5, 12000], [30, 1, BACKOFF.maxMs], [30, 0, BACKOFF.maxMs / 2]])(
    'attempt %i, random %f → %i ms', (attempts, random, ms) => {
      expect(backoffMs(attempts, random)).toBe(ms)
    })
})

describe('skippedLog', () => {
  it('gives every skipped record a skipped row in plain words', () => {
    expect(skippedLog({ skipped: [{ kind: 'invoice', localId: 'i1', reason: 'draft', label: 'Invoice 1' }] }, NOW)).toStrictEqual([
      { at: NOW, kind: 'invoice', localId: 'i1', label: 'Invoice 1', direction: 'push', status: 'skipped', details: 'Drafts are not sent to QuickBooks.' },
    ])
  })
})
