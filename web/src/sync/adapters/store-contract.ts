/**
 * One contract suite for every LocalStore (memory and Dexie): what `ports.ts` promises, checked the same way
 * against each, so the runner's tests on the memory store say something about the app's Dexie store.
 * @module
 */
import { describe, expect, it } from 'vitest'
import type { Mapping, OutboxRow, SyncKind } from '#shared/domain/index.ts'
import type { LocalStore, LogEntry } from '../ports.ts'

export interface StoreFixture {
  store: LocalStore
  /** Queues a change as the repositories do. */
  enqueue(row: Omit<OutboxRow, 'seq'>): Promise<number>
}

const id1 = '00000000-0000-4000-8000-000000000001' as OutboxRow['localId']
const id2 = '00000000-0000-4000-8000-000000000002' as OutboxRow['localId']
const at = '2025-03-14T09:00:00.000Z'

const row = (localId = id1, kind: SyncKind = 'contact'): Omit<OutboxRow, 'seq'> => ({
  kind,
  localId,
  version: 1,
  op: 'create',
  createdAt: at,
  attempts: 0,
})

const mapping = (localId = id1): Mapping => ({
  kind: 'contact',
  localId,
  qboId: '58' as Mapping['qboId'],
  realmId: '9130',
  syncToken: '0' as Mapping['syncToken'],
  snapshot: { displayName: 'Ann Lee' },
  syncedVersion: 1,
  status: 'synced',
  updatedAt: at,
})

const logRow = (label: string): LogEntry => ({ at, label, direction: 'push', status: 'synced', details: '' })

export function runStoreContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`${name} keeps the LocalStore contract`, () => {
    it('freezes a queued row with the request and batch ids it is claimed with', async () => {
      const { store, enqueue } = await make()
      const seq = await enqueue(row())
      const [claimed] = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r1', batchId: 'b1' },
      ])
      expect(claimed).toMatchObject({ seq, requestId: 'r1', batchId: 'b1' })
      const snap = await store.snapshot()
      expect(snap.outbox).toEqual([expect.objectContaining({ seq, requestId: 'r1', batchId: 'b1' })])
    })

    it('keeps the stored ids when a claimed row is claimed again, so a resend reuses them', async () => {
      const { store, enqueue } = await make()
      const seq = await enqueue(row())
      await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r1', batchId: 'b1' },
      ])
      const [again] = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r2', batchId: 'b2' },
      ])
      expect(again).toMatchObject({ requestId: 'r1', batchId: 'b1' })
    })

    it('stores the request with the claim, keeps the first on a second claim, and drops it on release', async () => {
      const { store, enqueue } = await make()
      const seq = await enqueue(row())
      const first = { body: { DisplayName: 'Ann Lee' }, fields: { displayName: 'Ann Lee' }, version: 1 }
      const [claimed] = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r1', batchId: 'b1', sent: first },
      ])
      expect(claimed?.sent).toEqual(first)
      const later = { body: { DisplayName: 'Ann Lee-Park' }, fields: { displayName: 'Ann Lee-Park' }, version: 2 }
      const [again] = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r2', batchId: 'b2', sent: later },
      ])
      expect(again).toMatchObject({ requestId: 'r1', sent: first })
      expect((await store.snapshot()).outbox[0]?.sent).toEqual(first)
      await store.settle([
        {
          doneSeqs: [],
          failed: { seqs: [seq], error: { code: '6240', message: 'taken', at }, attempts: 1, release: true },
          log: [],
        },
      ])
      const [released] = (await store.snapshot()).outbox
      expect(released?.requestId).toBeUndefined()
      expect(released?.sent).toBeUndefined()
      const [added] = await store.claim([
        { kind: 'contact', localId: id2, version: 3, op: 'create', requestId: 'r9', batchId: 'b9', sent: later },
      ])
      expect(added?.sent).toEqual(later)
    })

    it('refuses a claim older than its unclaimed row: the edit made since goes next run', async () => {
      const { store, enqueue } = await make()
      const seq = await enqueue({ ...row(), version: 2, op: 'update' })
      const [claimed] = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'update', requestId: 'r1', batchId: 'b1' },
      ])
      expect(claimed).toBeUndefined()
      const [stored] = (await store.snapshot()).outbox
      expect(stored).toMatchObject({ seq, version: 2 })
      expect(stored?.requestId).toBeUndefined()
    })

    it('adds a claimed row for a record sent without a queued change', async () => {
      const { store } = await make()
      const [added] = await store.claim([
        { kind: 'contact', localId: id2, version: 3, op: 'create', requestId: 'r9', batchId: 'b9' },
      ])
      expect(added).toMatchObject({ localId: id2, version: 3, requestId: 'r9', batchId: 'b9' })
      expect((await store.snapshot()).outbox.map((r) => r.seq)).toEqual([added!.seq])
    })

    it('reports a claim as taken when another runner settled the row or linked the record first', async () => {
      const { store, enqueue } = await make()
      const seq = await enqueue(row())
      await store.settle([{ mapping: mapping(id1), doneSeqs: [seq], log: [] }])
      const claimed = await store.claim([
        { seq, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r1', batchId: 'b1' },
        { kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'r1', batchId: 'b1' },
        { kind: 'contact', localId: id2, version: 1, op: 'create', requestId: 'r1', batchId: 'b1' },
      ])
      expect(claimed.map((r) => r?.localId)).toEqual([undefined, undefined, id2])
      expect((await store.snapshot()).outbox).toHaveLength(1)
    })

    it('keeps one log row per record and cause: a repeat counts, moves to the top; news is each its own row', async () => {
      const { store } = await make()
      const refused = (localId: typeof id1, details: string, when: string): LogEntry => ({
        at: when,
        kind: 'contact',
        localId,
        label: 'Ann Lee',
        direction: 'push',
        status: 'error',
        details,
      })
      const taken = 'QuickBooks already has a customer named Ann Lee.'
      await store.log([
        refused(id1, taken, '2025-03-14T09:00:00.000Z'),
        refused(id2, taken, '2025-03-14T09:00:01.000Z'),
      ])
      await store.settle([{ doneSeqs: [], log: [refused(id1, taken, '2025-03-14T09:05:00.000Z')] }])
      await store.log([refused(id1, taken, '2025-03-14T09:10:00.000Z'), logRow('Ann Lee'), logRow('Ann Lee')])
      const rows = await store.readLog()
      expect(rows.map((r) => [r.localId, r.status, r.count ?? 1])).toEqual([
        [id2, 'error', 1],
        [id1, 'error', 3],
        [undefined, 'synced', 1],
        [undefined, 'synced', 1],
      ])
      expect(rows[1]).toMatchObject({ at: '2025-03-14T09:10:00.000Z', firstAt: '2025-03-14T09:00:00.000Z' })
      // Another cause for the same record is a row of its own.
      await store.log([refused(id1, 'QuickBooks could not be reached.', '2025-03-14T09:20:00.000Z')])
      expect((await store.readLog()).filter((r) => r.localId === id1)).toHaveLength(2)
    })

    it('settles a success: mapping written, rows gone, log appended, all together', async () => {
      const { store, enqueue } = await make()
      const a = await enqueue(row(id1))
      const b = await enqueue(row(id2))
      await store.settle([{ mapping: mapping(id1), doneSeqs: [a], log: [logRow('Ann Lee')] }])
      const snap = await store.snapshot()
      expect(snap.outbox.map((r) => r.seq)).toEqual([b])
      expect(snap.mappings).toEqual([mapping(id1)])
      expect((await store.readLog()).map((r) => r.label)).toEqual(['Ann Lee'])
    })

    it('keeps the request id of a row whose outcome is unknown, drops it when the request surely failed', async () => {
      const { store, enqueue } = await make()
      const a = await enqueue(row(id1))
      const b = await enqueue(row(id2))
      await store.claim([
        { seq: a, kind: 'contact', localId: id1, version: 1, op: 'create', requestId: 'ra', batchId: 'b' },
        { seq: b, kind: 'contact', localId: id2, version: 1, op: 'create', requestId: 'rb', batchId: 'b' },
      ])
      const error = { code: 'network', message: 'offline', at }
      await store.settle([
        { doneSeqs: [], failed: { seqs: [a], error, attempts: 1, nextAttemptAt: at, release: false }, log: [] },
        { doneSeqs: [], failed: { seqs: [b], error, attempts: 2, release: true }, log: [] },
      ])
      const [ra, rb] = (await store.snapshot()).outbox
      expect(ra).toMatchObject({ requestId: 'ra', batchId: 'b', attempts: 1, lastError: error, nextAttemptAt: at })
      expect(rb).toMatchObject({ attempts: 2, lastError: error })
      expect(rb?.requestId).toBeUndefined()
      expect(rb?.batchId).toBeUndefined()
    })

    it('deletes a row with nothing to send only while it holds the planned version', async () => {
      const { store, enqueue } = await make()
      const a = await enqueue(row(id1))
      const b = await enqueue({ ...row(id2), version: 3, op: 'update' })
      await store.settle([
        {
          doneSeqs: [],
          doneIfUnchanged: [
            { seq: a, version: 1 },
            { seq: b, version: 2 },
            { seq: 999, version: 1 },
          ],
          log: [],
        },
      ])
      expect((await store.snapshot()).outbox.map((r) => [r.seq, r.version])).toEqual([[b, 3]])
    })

    it('accepts settling a row that is already gone (a resumed run may settle twice)', async () => {
      const { store, enqueue } = await make()
      const a = await enqueue(row())
      await store.settle([{ doneSeqs: [a], log: [] }])
      await expect(store.settle([{ doneSeqs: [a], mapping: mapping(), log: [] }])).resolves.toBeUndefined()
      expect((await store.snapshot()).mappings).toHaveLength(1)
    })

    it('writes records from QuickBooks without queueing them', async () => {
      const { store } = await make()
      const contact = { id: id2, version: 1, updatedAt: at, displayName: 'Bo Park', active: true }
      await store.settle([{ doneSeqs: [], records: [{ kind: 'contact', record: contact }], log: [] }])
      const snap = await store.snapshot()
      expect(snap.records.contacts).toEqual([contact])
      expect(snap.outbox).toEqual([])
    })

    it('round-trips the CDC checkpoint with its company and numbers log rows in order', async () => {
      const { store } = await make()
      expect((await store.settings()).syncedRealmId).toBeUndefined()
      await store.setCheckpoint('2025-03-14T10:00:00.000Z', 'realm-a')
      expect((await store.snapshot()).settings).toMatchObject({
        cdcCheckpoint: '2025-03-14T10:00:00.000Z',
        syncedRealmId: 'realm-a',
      })
      expect(await store.settings()).toEqual((await store.snapshot()).settings)
      await store.setCheckpoint('2025-03-15T10:00:00.000Z', 'realm-b')
      expect(await store.settings()).toMatchObject({
        cdcCheckpoint: '2025-03-15T10:00:00.000Z',
        syncedRealmId: 'realm-b',
      })
      await store.log([logRow('a'), logRow('b')])
      await store.log([logRow('c')])
      const seqs = (await store.readLog()).map((r) => r.seq)
      expect(seqs).toHaveLength(3)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(3)
    })

    it('moves the next invoice number past numeric DocNumbers, never backwards, keeping the checkpoint', async () => {
      const { store } = await make()
      await store.setCheckpoint('2025-03-14T10:00:00.000Z', 'realm-a')
      const start = (await store.snapshot()).settings.nextInvoiceNumber
      await store.moveInvoiceNumberPast([String(start + 40), 'A-99999', String(start + 3)])
      expect((await store.snapshot()).settings.nextInvoiceNumber).toBe(start + 41)
      await store.moveInvoiceNumberPast([String(start)])
      expect((await store.snapshot()).settings).toMatchObject({
        nextInvoiceNumber: start + 41,
        cdcCheckpoint: '2025-03-14T10:00:00.000Z',
      })
    })

    it('records whether QuickBooks numbers invoices, keeping the counter and checkpoint', async () => {
      const { store } = await make()
      await store.setCheckpoint('2025-03-14T10:00:00.000Z', 'realm-a')
      const start = (await store.settings()).nextInvoiceNumber
      expect((await store.settings()).quickBooksNumbers).toBe(false)
      await store.setQuickBooksNumbers(true)
      expect(await store.settings()).toMatchObject({
        quickBooksNumbers: true,
        nextInvoiceNumber: start,
        cdcCheckpoint: '2025-03-14T10:00:00.000Z',
      })
      await store.setQuickBooksNumbers(false)
      expect((await store.snapshot()).settings.quickBooksNumbers).toBe(false)
    })
  })
}
