import { afterEach, describe, expect, it } from 'vitest'
import type { LocalId, Mapping, SyncKind } from '#shared/domain/index.ts'
import { QboId, SyncToken } from '#shared/ids.ts'
import { recordSyncState, type RecordView } from '../state/record-sync-state.ts'
import { loadSyncStates, outboxOfKind } from '../state/sync-index.ts'
import { createContact } from './contacts.ts'
import { listOutbox } from './outbox.ts'
import { deletePayment, recordPayment, updatePaymentDetails } from './payments.ts'
import { getSettings, updateSettings } from './settings.ts'
import type { FieldsyncDB } from './schema.ts'
import {
  clearMappings,
  failedRecords,
  heldPayments,
  resendHeldPayment,
  retryAllErrors,
  retryRecords,
  unlinkAndRecreate,
} from './sync-requests.ts'
import { testDb, unwrap } from './test-db.ts'

/** A record's sync state as a list row reads it: its mapping by key, its kind's outbox rows. */
async function stateOf(kind: SyncKind, id: string, record: RecordView) {
  const index = await loadSyncStates(db, kind, [id], await outboxOfKind(db, kind))
  return recordSyncState(record, index.mappings.get(id), index.outbox.get(id) ?? [])
}

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

const at = '2026-03-01T00:00:00.000Z'
const mapping = (localId: LocalId, over: Partial<Mapping> = {}): Mapping => ({
  kind: 'contact',
  localId,
  qboId: QboId.parse('58'),
  realmId: 'r1',
  syncToken: SyncToken.parse('0'),
  snapshot: {},
  syncedVersion: 1,
  status: 'synced',
  updatedAt: at,
  ...over,
})

async function failing() {
  db = testDb()
  const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
  const bob = unwrap(await createContact(db, { givenName: 'Bob' }))
  const [a, b] = await listOutbox(db)
  await db.outbox.update(a!.seq, { attempts: 2, lastError: { code: '6240', message: 'Name in use', at } })
  await db.outbox.update(b!.seq, {
    attempts: 1,
    nextAttemptAt: '2026-03-01T00:10:00.000Z',
    lastError: { code: 'network', message: 'Offline', at },
  })
  return { ann, bob }
}

describe('sync requests', () => {
  it('retry turns a red record back into a waiting one and leaves others alone', async () => {
    const { ann, bob } = await failing()
    expect((await stateOf('contact', ann.id, ann)).tone).toBe('failed')
    expect(await retryRecords(db, [{ kind: 'contact', localId: ann.id }])).toBe(1)
    expect(await stateOf('contact', ann.id, ann)).toMatchObject({ tone: 'pending', retrying: false })
    expect(await stateOf('contact', bob.id, bob)).toMatchObject({ tone: 'pending', retrying: true })
  })

  it('retry all errors wakes every record with an error, including ones in backoff', async () => {
    await failing()
    expect(await failedRecords(db)).toHaveLength(2)
    expect(await retryAllErrors(db)).toBe(2)
    const rows = await listOutbox(db)
    expect(rows.every((r) => r.lastError === undefined && r.nextAttemptAt === undefined && r.attempts === 0)).toBe(true)
  })

  it('never touches a row the engine has claimed', async () => {
    const { ann } = await failing()
    const [a] = await listOutbox(db)
    await db.outbox.update(a!.seq, { batchId: 'b1', requestId: 'q1' })
    expect(await retryRecords(db, [{ kind: 'contact', localId: ann.id }])).toBe(0)
    expect((await listOutbox(db))[0]?.lastError?.code).toBe('6240')
  })

  it('unlink and recreate drops the link and queues a create of the current version, keeping the record', async () => {
    db = testDb()
    const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
    await db.outbox.clear()
    await db.mappings.put(
      mapping(ann.id, { status: 'error', lastError: { code: '610', message: 'Deleted in QuickBooks', at } }),
    )
    expect((await stateOf('contact', ann.id, ann)).tone).toBe('failed')
    await unlinkAndRecreate(db, { kind: 'contact', localId: ann.id }, ann.version)
    expect(await db.mappings.count()).toBe(0)
    expect(await listOutbox(db)).toMatchObject([
      { kind: 'contact', localId: ann.id, op: 'create', version: ann.version },
    ])
    expect(await db.contacts.get(ann.id)).toMatchObject({ id: ann.id, version: ann.version, givenName: 'Ann' })
  })

  it('clear mappings forgets every link and the initial sync with them, and nothing else', async () => {
    db = testDb()
    const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
    await db.mappings.put(mapping(ann.id))
    unwrap(await updateSettings(db, { cdcCheckpoint: at, syncedRealmId: 'r1', nextInvoiceNumber: 2001 }))
    expect(await clearMappings(db)).toBe(1)
    expect(await db.mappings.count()).toBe(0)
    expect(await db.contacts.count()).toBe(1)
    expect(await db.outbox.count()).toBe(1)
    const s = await getSettings(db)
    expect(s.cdcCheckpoint).toBeUndefined()
    expect(s.syncedRealmId).toBeUndefined()
    expect(s.nextInvoiceNumber).toBe(2001)
  })

  describe('a payment held as unverified', () => {
    async function heldPayment() {
      db = testDb()
      const ann = unwrap(await createContact(db, { givenName: 'Ann' }))
      const pay = unwrap(
        await recordPayment(db, { contactId: ann.id, date: '2026-03-01', amount: 5_000, applications: [] }),
      )
      const row = (await listOutbox(db)).find((r) => r.kind === 'payment')!
      await db.outbox.update(row.seq, {
        requestId: 'q1',
        batchId: 'b1',
        attempts: 1,
        lastError: { code: 'unverified-payment', message: 'May already be in QuickBooks', at },
      })
      return { ann, pay }
    }
    const paymentRows = async () => (await listOutbox(db)).filter((r) => r.kind === 'payment')

    it('lists payments only, once each, whatever else carries the same code', async () => {
      const { ann, pay } = await heldPayment()
      const contactRow = (await listOutbox(db)).find((r) => r.localId === ann.id)!
      await db.outbox.update(contactRow.seq, {
        lastError: { code: 'unverified-payment', message: 'May already be in QuickBooks', at },
      })
      unwrap(await updatePaymentDetails(db, pay.id, { reference: '1042' }))
      const open = (await paymentRows()).find((r) => r.batchId === undefined)!
      await db.outbox.update(open.seq, {
        lastError: { code: 'unverified-payment', message: 'May already be in QuickBooks', at },
      })
      expect(await heldPayments(db)).toEqual([pay.id])
      expect(await failedRecords(db)).toEqual([
        { kind: 'contact', localId: ann.id },
        { kind: 'payment', localId: pay.id },
      ])
    })

    it('is listed until answered; "send it" leaves one unclaimed create with the edit made since', async () => {
      const { ann, pay } = await heldPayment()
      expect(await heldPayments(db)).toEqual([pay.id])
      unwrap(await updatePaymentDetails(db, pay.id, { reference: '1042' }))
      expect(await paymentRows()).toHaveLength(2)
      expect(await resendHeldPayment(db, pay.id)).toBe(true)
      const rows = await paymentRows()
      expect(rows).toMatchObject([{ op: 'create', version: pay.version + 1, attempts: 0 }])
      expect([rows[0]!.requestId, rows[0]!.batchId, rows[0]!.lastError]).toEqual([undefined, undefined, undefined])
      expect(await heldPayments(db)).toEqual([])
      expect((await stateOf('payment', pay.id, { version: pay.version + 1 })).tone).toBe('pending')
      // Nothing else is touched, and a second answer finds nothing to let go.
      expect((await listOutbox(db)).filter((r) => r.kind === 'contact')).toMatchObject([{ localId: ann.id }])
      expect(await resendHeldPayment(db, pay.id)).toBe(false)
    })

    it('"send it" for a payment deleted since leaves its delete, which sends nothing', async () => {
      const { pay } = await heldPayment()
      unwrap(await deletePayment(db, pay.id))
      await resendHeldPayment(db, pay.id)
      expect(await paymentRows()).toMatchObject([{ op: 'delete', version: pay.version + 1 }])
    })

    it('"send it" leaves a payment held by nothing else alone', async () => {
      const { pay } = await heldPayment()
      const row = (await paymentRows())[0]!
      await db.outbox.update(row.seq, { lastError: { code: 'network', message: 'Offline', at } })
      expect(await resendHeldPayment(db, pay.id)).toBe(false)
      expect(await paymentRows()).toMatchObject([{ requestId: 'q1', batchId: 'b1' }])
    })
  })
})
