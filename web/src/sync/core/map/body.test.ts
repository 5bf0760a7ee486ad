import { describe, expect, it } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import type { SyncOp } from '../plan-types.ts'
import { bodyOf, rebuiltRequest, requestOf } from './body.ts'
import { resolverFrom } from './refs.ts'
import type { LocalRecord, RecordContext } from './request.ts'

const AT = '2026-03-01T10:00:00.000Z'
const ann = { id: 'c1', version: 3, updatedAt: AT, displayName: 'Ann Lee', active: true } as unknown as LocalRecord
const op = (patch: Partial<SyncOp> = {}): SyncOp => ({
  id: 'o',
  action: 'create',
  kind: 'contact',
  localId: 'c1',
  version: 2,
  outboxSeqs: [1],
  refs: [],
  dependsOn: [],
  label: 'Ann Lee',
  ...patch,
})
const mapping = {
  kind: 'contact',
  localId: 'c1',
  qboId: '58',
  syncToken: '4',
  snapshot: { displayName: 'Ann', active: true },
} as unknown as Mapping
const context: RecordContext = { ref: resolverFrom(() => undefined), settings: { subCustomerJobs: false } }

describe('bodyOf', () => {
  it.each<[string, SyncOp, LocalRecord | undefined, Mapping | undefined, string]>([
    ['no record', op(), undefined, undefined, 'missing-record'],
    ['an update of a record not linked yet', op({ action: 'update' }), ann, undefined, 'not-linked'],
  ])('refuses %s', (_name, o, record, m, code) => {
    const b = bodyOf(o, record, m, context)
    expect(b.ok ? undefined : b.error.code).toBe(code)
  })

  it('sends an update with the live Id and SyncToken and only the fields changed since the snapshot', () => {
    const b = bodyOf(op({ action: 'update', syncToken: '1' }), ann, mapping, context)
    expect(b).toStrictEqual({
      ok: true,
      value: { body: { Id: '58', SyncToken: '4', sparse: true, DisplayName: 'Ann Lee' }, warnings: [] },
    })
  })

  it('sends nothing for an update that changes nothing QuickBooks holds', () => {
    const b = bodyOf(
      op({ action: 'update' }),
      ann,
      { ...mapping, snapshot: { displayName: 'Ann Lee', active: true } },
      context,
    )
    expect(b).toStrictEqual({ ok: true, value: { body: undefined, warnings: [] } })
  })
})

describe('requestOf and rebuiltRequest', () => {
  it("store the body, the record's fields and the version the row settles", () => {
    expect(requestOf(op(), ann, { DisplayName: 'Ann Lee' })).toStrictEqual({
      body: { DisplayName: 'Ann Lee' },
      fields: { displayName: 'Ann Lee', active: true },
      version: 2,
    })
  })

  it('rebuilt after the record moved on, keep no fields: the next update sends them all', () => {
    expect(rebuiltRequest(op(), ann, {}).fields).toStrictEqual({})
    expect(rebuiltRequest(op({ version: 3 }), ann, {}).fields).toStrictEqual({ displayName: 'Ann Lee', active: true })
  })
})
