import { describe, expect, it } from 'vitest'
import type { Mapping, OutboxRow } from '#shared/domain/index.ts'
import type { LocalRecord } from '../map/request.ts'
import type { SkippedRecord, SyncOp, SyncPlan } from '../plan-types.ts'
import { localSettlements, nothingToSend } from './local-ops.ts'

const AT = '2026-03-01T10:00:00.000Z'
const ann = { id: 'c1', version: 2, updatedAt: AT, displayName: 'Ann Lee', email: 'ann@x.test', active: true }
const records = new Map([['contact:c1', ann as unknown as LocalRecord]])
const op = (patch: Partial<SyncOp>): SyncOp => ({
  id: 'x',
  action: 'link',
  kind: 'contact',
  outboxSeqs: [],
  refs: [],
  dependsOn: [],
  label: 'Ann Lee',
  ...patch,
})
const planOf = (ops: SyncOp[], skipped: SkippedRecord[] = []): SyncPlan =>
  ({ ops, skipped, batches: [], decisions: [], counts: {} }) as unknown as SyncPlan
const input = (remote: Record<string, Record<string, unknown>> = {}) => ({
  records,
  remote: new Map(Object.entries(remote)),
  realmId: '9341',
  at: AT,
  newId: () => 'new-1',
})

describe('localSettlements', () => {
  it("links a matched record, with QuickBooks' values of the fields it has as the merge base", () => {
    const remote = { 'Customer:58': { Id: '58', SyncToken: '3', DisplayName: 'Ann Lee', Active: true } }
    const out = localSettlements(planOf([op({ id: 'link:1', localId: 'c1', qboId: '58' })]), input(remote))
    expect(out).toMatchObject({ ok: ['link:1'], linked: 1, pulled: 0, created: [] })
    expect(out.settlements[0]!.mapping).toMatchObject({
      qboId: '58',
      syncToken: '3',
      snapshot: { displayName: 'Ann Lee', active: true },
      syncedVersion: 2,
    })
    expect(out.settlements[0]!.log.map((l) => [l.status, l.details])).toStrictEqual([
      ['matched', 'Linked to QuickBooks contact 58'],
    ])
  })

  it('creates here a QuickBooks customer nothing matched, and hands the new record back', () => {
    const remote = { 'Customer:77': { Id: '77', SyncToken: '0', DisplayName: 'Bo Diaz' } }
    const out = localSettlements(
      planOf([op({ id: 'pull:77', action: 'pull', qboId: '77', label: 'Bo Diaz' })]),
      input(remote),
    )
    expect(out).toMatchObject({ ok: ['pull:77'], linked: 0, pulled: 1 })
    expect(out.created.map(([k]) => k)).toStrictEqual(['contact:new-1'])
    expect(out.settlements[0]!.log).toMatchObject([
      { direction: 'pull', status: 'synced', details: 'Created here from QuickBooks (Id 77)' },
    ])
  })

  it.each<[string, SyncOp]>([
    ['a link to a record no longer here', op({ localId: 'gone', qboId: '58' })],
    ['a pull of a record not pulled', op({ action: 'pull', qboId: '99' })],
    ['a write', op({ action: 'create', localId: 'c1' })],
  ])('settles nothing for %s', (_name, o) => {
    expect(localSettlements(planOf([o]), input())).toMatchObject({ settlements: [], ok: [] })
  })
})

describe('nothingToSend', () => {
  const row = (seq: number, patch: Partial<OutboxRow> = {}) =>
    [seq, { seq, kind: 'contact', localId: 'c1', version: 2, op: 'update', createdAt: AT, attempts: 0, ...patch }] as [
      number,
      OutboxRow,
    ]
  const mapping = { kind: 'contact', localId: 'c1', qboId: '58', syncedVersion: 2 } as unknown as Mapping
  const skip = (reason: SkippedRecord['reason'], seqs: number[]): SkippedRecord => ({
    kind: 'contact',
    localId: 'c1',
    reason,
    label: 'Ann Lee',
    outboxSeqs: seqs,
  })
  const deleted = new Map([['contact:c1', { ...ann, deletedAt: AT } as unknown as LocalRecord]])

  it.each<[string, SkippedRecord, Parameters<typeof nothingToSend>[1], number[]]>([
    [
      'an up-to-date row at the synced version',
      skip('up-to-date', [1]),
      { rows: new Map([row(1)]), records, mappings: new Map([['contact:c1', mapping]]) },
      [1],
    ],
    [
      'not a row an edit moved past the synced version',
      skip('up-to-date', [1]),
      { rows: new Map([row(1, { version: 3 })]), records, mappings: new Map([['contact:c1', mapping]]) },
      [],
    ],
    [
      'a never-synced row of a deleted record',
      skip('never-synced', [1]),
      { rows: new Map([row(1)]), records: deleted, mappings: new Map() },
      [1],
    ],
    [
      'not a claimed never-synced row: its create may have landed',
      skip('never-synced', [1]),
      { rows: new Map([row(1, { batchId: 'b' })]), records: deleted, mappings: new Map() },
      [],
    ],
    [
      'not a row skipped for another reason',
      skip('draft', [1]),
      { rows: new Map([row(1)]), records, mappings: new Map() },
      [],
    ],
  ])('deletes %s', (_name, skipped, ctx, seqs) => {
    const s = nothingToSend(planOf([], [skipped]), ctx)
    expect(s?.doneIfUnchanged?.map((d) => d.seq) ?? []).toStrictEqual(seqs)
  })
})
