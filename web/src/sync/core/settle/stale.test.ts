import { describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import type { LocalRecord } from '../map/request.ts'
import type { SyncOp } from '../plan-types.ts'
import { mergeStale } from './stale.ts'

const AT = '2026-03-01T10:00:00.000Z'
const op = (action: SyncOp['action']): SyncOp => ({
  id: 'u',
  action,
  kind: 'contact',
  localId: 'c1',
  qboId: '58',
  outboxSeqs: [4],
  refs: [],
  dependsOn: [],
  label: 'Ann',
})
const mapping = {
  kind: 'contact',
  localId: 'c1',
  qboId: '58',
  syncToken: '1',
  realmId: '9341',
  syncedVersion: 1,
  status: 'synced',
  updatedAt: AT,
  snapshot: { displayName: 'Ann', email: 'ann@x.test', active: true },
} as unknown as Mapping
const record = {
  id: 'c1',
  version: 2,
  updatedAt: '2026-03-01T09:00:00.000Z',
  displayName: 'Ann',
  email: 'ann@new.test',
  active: true,
} as unknown as LocalRecord
const remote = (patch: Record<string, unknown>) => ({
  Id: '58',
  SyncToken: '3',
  DisplayName: 'Ann',
  PrimaryEmailAddr: { Address: 'ann@x.test' },
  Active: true,
  MetaData: { LastUpdatedTime: '2026-03-01T09:30:00.000Z' },
  ...patch,
})

describe('mergeStale', () => {
  it('releases the rows so the retry is a new request, with the fresh SyncToken', () => {
    const m = mergeStale(op('update'), mapping, record, remote({}), [4], AT)
    expect(m.settlement.failed).toStrictEqual({
      seqs: [4],
      attempts: 0,
      release: true,
      error: { code: '5010', message: 'Edited in QuickBooks too; merged and sent again', at: AT },
    })
    expect(m.mapping.syncToken).toBe('3')
  })

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['keeps an edit made only here', {}, { email: 'ann@new.test', displayName: 'Ann' }, []],
    [
      'takes a field changed only there',
      { DisplayName: 'Ann Park' },
      { displayName: 'Ann Park', email: 'ann@new.test' },
      [],
    ],
    [
      'lets the later edit win a clash, and logs both values',
      { PrimaryEmailAddr: { Address: 'ann@qb.test' } },
      { email: 'ann@qb.test' },
      ['email: here "ann@new.test", QuickBooks "ann@qb.test"; kept QuickBooks\'s (most recent).'],
    ],
  ])('%s', (_name, patch, fields, conflicts) => {
    const m = mergeStale(op('update'), mapping, record, remote(patch), [4], AT)
    expect(m.record).toMatchObject(fields)
    expect(m.settlement.log.map((l) => l.details)).toStrictEqual(conflicts)
  })

  it('merges nothing for a void: it only needs the fresh SyncToken', () => {
    const m = mergeStale(op('void'), mapping, record, remote({ DisplayName: 'Ann Park' }), [4], AT)
    expect(m.record).toBe(record)
    expect(m.settlement.records).toBeUndefined()
  })
})
