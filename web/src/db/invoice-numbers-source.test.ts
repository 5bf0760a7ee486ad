import { describe, expect, it } from 'vitest'
import type { Lease } from '#shared/api/number-lease.ts'
import { getSettings, updateSettings } from './settings.ts'
import { testDb } from './test-db.ts'
import { leasedNumbers, readLease, remaining } from './invoice-numbers-source.ts'
import type { FieldsyncDB } from './schema.ts'

function setup(blocks: Lease[]) {
  const db = testDb()
  const asked: number[] = []
  let online = true
  const later: Array<() => void> = []
  const source = leasedNumbers({
    request: async (highestSeen) => {
      asked.push(highestSeen)
      return online ? (blocks.shift() ?? null) : null
    },
    later: (fn) => later.push(fn),
  })
  const take = (d: FieldsyncDB = db) => d.transaction('rw', d.settings, () => source.take(d))
  const runLater = async () => {
    for (const fn of later.splice(0)) fn()
    await new Promise((r) => setTimeout(r, 10))
  }
  return { db, source, asked, take, runLater, goOffline: () => (online = false) }
}

const synced = (db: FieldsyncDB, realmId = '9130') =>
  updateSettings(db, { syncedRealmId: realmId, cdcCheckpoint: '2026-03-01T00:00:00Z', nextInvoiceNumber: 1031 })

describe('leased invoice numbers', () => {
  it('numbers from the device counter, unchanged, while the company is not connected', async () => {
    const s = setup([{ from: 5000, to: 5019 }])
    expect([await s.take(), await s.take()]).toEqual(['1001', '1002'])
    await s.source.topUp(s.db, '9130')
    expect(s.asked).toEqual([])
    expect(await s.take()).toBe('1003')
  })

  it('takes numbers from its lease, asks for the next block below five, and keeps numbering offline', async () => {
    const s = setup([
      { from: 1041, to: 1046 },
      { from: 1081, to: 1100 },
    ])
    await synced(s.db)
    await s.source.topUp(s.db, '9130')
    expect(s.asked).toEqual([1030])
    expect([await s.take(), await s.take()]).toEqual(['1041', '1042'])
    await s.runLater()
    expect(s.asked).toEqual([1030, 1042])
    expect(remaining((await readLease(s.db))!)).toBe(24)
    s.goOffline()
    const taken: string[] = []
    for (let i = 0; i < 24; i++) taken.push(await s.take())
    expect(taken.slice(0, 5)).toEqual(['1043', '1044', '1045', '1046', '1081'])
    expect(taken.at(-1)).toBe('1100')
    // Nothing leased is left and the gate is out of reach: the counter, past every number used here.
    expect(await s.take()).toBe('1101')
    expect((await getSettings(s.db)).nextInvoiceNumber).toBe(1102)
  })

  it('skips a leased number QuickBooks already has, and reports the highest it saw', async () => {
    const s = setup([
      { from: 1041, to: 1060 },
      { from: 1061, to: 1080 },
    ])
    await synced(s.db)
    await s.source.topUp(s.db, '9130')
    await s.source.movePast(s.db, ['1041', '1043', '2000', 'A-7'])
    expect([await s.take(), await s.take()]).toEqual(['1042', '1044'])
    expect((await readLease(s.db))!.highestSeen).toBe(2000)
  })

  it('uses no lease of another company', async () => {
    const s = setup([{ from: 1041, to: 1060 }])
    await synced(s.db)
    await s.source.topUp(s.db, '9130')
    await updateSettings(s.db, { syncedRealmId: '4620' })
    expect(await s.take()).toBe('1031')
  })
})
