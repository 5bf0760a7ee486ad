/** Test helpers: a fresh database per test on fake-indexeddb, with a clock the test controls. */
import 'fake-indexeddb/auto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { FieldsyncDB } from './schema.ts'
import type { Result } from '#shared/result.ts'

let n = 0

export type TestClock = { now: () => Date; advance: (ms: number) => void }

export function testClock(start = '2025-03-14T09:00:00.000Z'): TestClock {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms
    },
  }
}

export function testDb(clock: TestClock = testClock()): FieldsyncDB {
  return new FieldsyncDB(`test-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`, {
    now: clock.now,
    indexedDB,
    IDBKeyRange,
  })
}

/** The value of an ok result; fails the test with the error otherwise. */
export function unwrap<T>(r: Result<T, unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}
