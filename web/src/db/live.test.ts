import 'fake-indexeddb/auto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { newLocalId } from '#shared/domain/index.ts'
import { createContact, updateContact } from './contacts.ts'
import { pendingCount$ } from './outbox.ts'
import { FieldsyncDB } from './schema.ts'
import { unwrap } from './test-db.ts'

/** Resolves with the first value the observable emits that satisfies `ok`. */
function next<T>(
  obs: { subscribe: (o: { next: (v: T) => void }) => { unsubscribe: () => void } },
  ok: (v: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const sub = obs.subscribe({
      next: (v) => {
        if (ok(v)) {
          queueMicrotask(() => sub.unsubscribe())
          resolve(v)
        }
      },
    })
  })
}

describe('pending count', () => {
  it('updates live when another connection (another tab) writes, and counts records not rows', async () => {
    const name = `live-${newLocalId()}`
    const tabA = new FieldsyncDB(name, { indexedDB, IDBKeyRange })
    const tabB = new FieldsyncDB(name, { indexedDB, IDBKeyRange })
    const seen: number[] = []
    const sub = pendingCount$(tabA).subscribe({ next: (n) => seen.push(n) })
    expect(await next(pendingCount$(tabA), (n) => n === 0)).toBe(0)

    const c = unwrap(await createContact(tabB, { givenName: 'Ann' }))
    expect(await next(pendingCount$(tabA), (n) => n === 1)).toBe(1)
    await tabB.outbox.toCollection().modify({ batchId: 'b1' }) // engine claims it
    unwrap(await updateContact(tabB, c.id, { notes: 'x' })) // a second row for the same record
    expect(await tabA.outbox.count()).toBe(2)
    unwrap(await createContact(tabB, { givenName: 'Bo' }))
    await expect.poll(() => seen.at(-1)).toBe(2)
    sub.unsubscribe()
    tabA.close()
    await tabB.delete()
  })
})
