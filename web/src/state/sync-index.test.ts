import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Mapping } from '#shared/domain/index.ts'
import { LocalId, QboId, SyncToken } from '#shared/ids.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testDb } from '../db/test-db.ts'
import { loadSyncStates, outboxOfKind } from './sync-index.ts'

let db: FieldsyncDB
afterEach(async () => {
  vi.restoreAllMocks()
  await db?.delete()
})

const at = '2026-03-01T00:00:00.000Z'
const good = LocalId.parse('00000000-0000-4000-8000-000000000001')
const bad = '00000000-0000-4000-8000-000000000002'
const mapping: Mapping = {
  kind: 'contact',
  localId: good,
  qboId: QboId.parse('58'),
  realmId: '9130',
  syncToken: SyncToken.parse('0'),
  snapshot: {},
  syncedVersion: 1,
  status: 'synced',
  updatedAt: at,
}

describe('loadSyncStates', () => {
  it('parses the rows it reads and leaves out one whose QuickBooks Id is not an Id', async () => {
    db = testDb()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await db.mappings.bulkPut([mapping, { ...mapping, localId: bad, qboId: 'not-an-id' } as unknown as Mapping])
    const index = await loadSyncStates(db, 'contact', [good, bad], new Map())
    expect([...index.mappings.keys()]).toEqual([good])
    expect(index.mappings.get(good)).toEqual({
      kind: 'contact',
      localId: good,
      qboId: '58',
      syncedVersion: 1,
      status: 'synced',
    })
    expect(warn).toHaveBeenCalledTimes(1)
  })
})

describe('loadSyncStates for the records on screen', () => {
  it('reads only the mappings and outbox rows of the ids asked for', async () => {
    db = testDb()
    const other = LocalId.parse('00000000-0000-4000-8000-000000000003')
    await db.mappings.bulkPut([mapping, { ...mapping, localId: other }, { ...mapping, kind: 'item' }])
    const row = { version: 2, op: 'update' as const, createdAt: at, attempts: 0 }
    await db.outbox.bulkAdd([
      { ...row, kind: 'contact', localId: good },
      { ...row, kind: 'contact', localId: other },
      { ...row, kind: 'item', localId: good },
    ])
    const index = await loadSyncStates(db, 'contact', [good], await outboxOfKind(db, 'contact'))
    expect([...index.mappings.keys()]).toEqual([good])
    expect(index.outbox.get(good)?.map((r) => r.op)).toEqual(['update'])
    expect([...index.outbox.keys()]).toEqual([good])
  })

  it("reads every outbox row of the kind across pages, a record's rows split by a page boundary included", async () => {
    db = testDb()
    const ids = Array.from({ length: 5 }, (_, i) => LocalId.parse(`00000000-0000-4000-8000-00000000001${i}`))
    const row = { version: 1, op: 'create' as const, createdAt: at, attempts: 0 }
    // Two rows per record (a claimed one and an open one), and an item's row that is not of the kind.
    await db.outbox.bulkAdd([...ids, ...ids].map((localId) => ({ ...row, kind: 'contact' as const, localId })))
    await db.outbox.add({ ...row, kind: 'item', localId: ids[0]! })
    const byRecord = await outboxOfKind(db, 'contact', 3)
    expect([...byRecord.keys()].sort()).toEqual([...ids].sort())
    expect([...byRecord.values()].map((rows) => rows.length)).toEqual([2, 2, 2, 2, 2])
  })
})
