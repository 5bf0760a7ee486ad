import { describe, expect, it } from 'vitest'
import type { OutboxRow } from '#shared/domain/index.ts'
import { bIdOf, claimedAt, claimsOf, mustLookUp, newBatchId, NOT_CHECKED_CODE, ownClaims } from './claims.ts'
import type { SyncOp } from './plan-types.ts'

const T = Date.parse('2026-03-01T10:00:00Z')
const DAY = 24 * 3600_000
const op = (id: string, seqs: number[], patch: Partial<SyncOp> = {}): SyncOp => ({
  id,
  action: 'create',
  kind: 'contact',
  localId: id,
  version: 2,
  outboxSeqs: seqs,
  refs: [],
  dependsOn: [],
  label: id,
  batch: 0,
  ...patch,
})
const row = (seq: number, batchId: string | undefined): OutboxRow => ({
  seq,
  kind: 'contact',
  localId: 'c' as OutboxRow['localId'],
  version: 2,
  op: 'create',
  createdAt: '',
  attempts: 0,
  ...(batchId === undefined ? {} : { batchId, requestId: 'r' }),
})

describe('batch ids and bIds', () => {
  it('carry the claim time, and a bId is the row seq', () => {
    const id = newBatchId(T, 'req-1')
    expect(id).toBe(`${T.toString(36)}.req-1`)
    expect(claimedAt(id)).toBe(T)
    expect(bIdOf(42)).toBe('s42')
  })

  it.each([['.req-1'], ['']])('knows no claim time for %j', (id) => {
    expect(claimedAt(id)).toBeUndefined()
  })
})

describe('mustLookUp', () => {
  const batch = newBatchId(T, 'r')
  it.each<[string, number, (string | undefined)[], boolean]>([
    ['a recent claim is replayed', T + 60_000, [undefined], false],
    ['a claim older than the trust window is looked up', T + DAY + 1, [undefined], true],
    ['a row a lookup kept claimed is looked up however recent', T + 60_000, [NOT_CHECKED_CODE], true],
    ['a held payment is looked up however recent', T + 60_000, ['unverified-payment'], true],
    ['another error does not force a lookup', T + 60_000, ['http-503'], false],
  ])('%s', (_name, now, codes, expected) => {
    expect(mustLookUp(batch, now, DAY, codes)).toBe(expected)
  })
})

describe('claimsOf', () => {
  it('claims each row of each op under one request, and one row-less claim for an unqueued record', () => {
    const ids = { requestId: 'r', batchId: 'b' }
    const sent = { body: { DisplayName: 'A' }, fields: {}, version: 2 }
    const claims = claimsOf([op('a', [3, 4]), op('b', [], { action: 'void' })], ids, (o) =>
      o.id === 'a' ? sent : undefined,
    )
    expect(claims).toStrictEqual([
      { seq: 3, kind: 'contact', localId: 'a', version: 2, op: 'create', requestId: 'r', batchId: 'b', sent },
      { seq: 4, kind: 'contact', localId: 'a', version: 2, op: 'create', requestId: 'r', batchId: 'b', sent },
      {
        seq: undefined,
        kind: 'contact',
        localId: 'b',
        version: 2,
        op: 'void',
        requestId: 'r',
        batchId: 'b',
        sent: undefined,
      },
    ])
  })
})

describe('ownClaims', () => {
  it.each<[string, (OutboxRow | undefined)[], string[], string[]]>([
    ['keeps ops whose rows all came back under this batch', [row(1, 'b'), row(2, 'b'), row(3, 'b')], ['a', 'b'], []],
    ['leaves an op whose row another runner settled', [row(1, 'b'), row(2, 'b'), undefined], ['a'], ['b']],
    ['leaves an op whose row another runner claimed', [row(1, 'other'), row(2, 'b'), row(3, 'b')], ['b'], ['a']],
  ])('%s', (_name, rows, mine, lost) => {
    const got = ownClaims([op('a', [1]), op('b', [2, 3])], rows, 'b')
    expect(got.mine.map((m) => m.op.id)).toStrictEqual(mine)
    expect(got.lost.map((o) => o.id)).toStrictEqual(lost)
  })

  it('gives each op its seqs and the request its first row stored', () => {
    const sent = { body: {}, fields: {}, version: 1 }
    const got = ownClaims([op('a', [1, 2])], [{ ...row(1, 'b'), sent }, row(2, 'b')], 'b')
    expect(got.mine).toStrictEqual([{ op: op('a', [1, 2]), seqs: [1, 2], stored: sent }])
  })
})
