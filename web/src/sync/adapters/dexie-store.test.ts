import { testDb } from '../../db/test-db.ts'
import { DexieStore } from './dexie-store.ts'
import { runStoreContract } from './store-contract.ts'
import { describe, expect, it } from 'vitest'
import type { Mapping, OutboxRow } from '#shared/domain/index.ts'
import { QboId, SyncToken } from '#shared/ids.ts'
import { unlinkAndRecreate } from '../../db/sync-requests.ts'
import type { Settlement } from '../ports.ts'

runStoreContract('DexieStore', async () => {
  const db = testDb()
  return { store: new DexieStore(db), enqueue: async (row) => (await db.outbox.add(row as OutboxRow)) as number }
})

describe('a failure settled after the user unlinked the record', () => {
  const id = '00000000-0000-4000-8000-0000000000a1' as OutboxRow['localId']
  const at = '2025-03-14T09:00:00.000Z'
  const error = { code: '610', message: 'This record was deleted in QuickBooks.', at }
  const linked: Mapping = {
    kind: 'contact',
    localId: id,
    qboId: QboId.parse('58'),
    realmId: '9130',
    syncToken: SyncToken.parse('3'),
    snapshot: { displayName: 'Ann Lee' },
    syncedVersion: 1,
    status: 'synced',
    updatedAt: at,
  }
  // What the runner settles for an update QuickBooks refused: the mapping marked red, the row kept with the error.
  const refused = (seq: number): Settlement => ({
    mapping: { ...linked, status: 'error', lastError: error },
    doneSeqs: [],
    failed: { seqs: [seq], error, attempts: 1, release: true },
    log: [],
  })
  const update = { kind: 'contact', localId: id, version: 2, op: 'update', createdAt: at, attempts: 0 } as const

  async function linkedWithUpdate() {
    const db = testDb()
    const store = new DexieStore(db)
    await db.mappings.put(linked)
    const seq = (await db.outbox.add(update as OutboxRow)) as number
    return { db, store, seq }
  }

  it('keeps the recreate queued beside a claimed update, and does not bring the link back', async () => {
    const { db, store, seq } = await linkedWithUpdate()
    await store.claim([{ seq, kind: 'contact', localId: id, version: 2, op: 'update', requestId: 'r1', batchId: 'b1' }])
    await unlinkAndRecreate(db, { kind: 'contact', localId: id }, 2)
    await store.settle([refused(seq)])
    expect(await db.mappings.toArray()).toEqual([])
    const rows = await db.outbox.toArray()
    expect(rows.map((r) => [r.op, r.version, r.lastError])).toEqual([['create', 2, undefined]])
  })

  it('leaves an update turned into a create in place without the error', async () => {
    const { db, store, seq } = await linkedWithUpdate()
    await unlinkAndRecreate(db, { kind: 'contact', localId: id }, 2)
    await store.settle([refused(seq)])
    expect(await db.mappings.toArray()).toEqual([])
    expect((await db.outbox.toArray()).map((r) => [r.seq, r.op, r.lastError])).toEqual([[seq, 'create', undefined]])
  })

  it('marks the row and the mapping red as before when nothing was unlinked', async () => {
    const { db, store, seq } = await linkedWithUpdate()
    await store.settle([refused(seq)])
    expect((await db.mappings.toArray()).map((m) => m.status)).toEqual(['error'])
    expect((await db.outbox.toArray()).map((r) => r.lastError)).toEqual([error])
  })
})
