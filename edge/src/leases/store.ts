/**
 * Invoice-number leases in the RealmGate's SQLite. Each row is one block of numbers: held by a device
 * (`device_id`), or free again (`device_id` NULL) after its device was removed. `used_to` is the highest
 * number of the block QuickBooks has been seen to hold (from the device's own writes through the gate),
 * so what lies above it is what the device never sent. `number_mark` keeps the company's highest
 * DocNumber any device reported. Every change runs in one storage transaction.
 */
import type { Lease, LeaseRequest } from '#shared/api/number-lease.ts'

interface LeaseRow extends Record<string, SqlStorageValue> {
  from_n: number
  to_n: number
  device_id: string | null
  used_to: number
}

export function migrateLeases(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS number_leases (
    from_n INTEGER PRIMARY KEY, to_n INTEGER NOT NULL, device_id TEXT,
    used_to INTEGER NOT NULL, leased_at INTEGER NOT NULL)`)
  sql.exec('CREATE INDEX IF NOT EXISTS number_leases_device ON number_leases (device_id)')
  sql.exec(`CREATE TABLE IF NOT EXISTS number_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1), highest_seen INTEGER NOT NULL)`)
}

function raiseMark(sql: SqlStorage, seen: number): void {
  sql.exec(
    `INSERT INTO number_mark (id, highest_seen) VALUES (1, ?)
     ON CONFLICT(id) DO UPDATE SET highest_seen = MAX(highest_seen, excluded.highest_seen)`,
    seen,
  )
}

/**
 * The next block for `deviceId`: a block a removed device gave back (lowest first, at most `count` of it),
 * otherwise `count` numbers after both the company's highest DocNumber and every number ever leased.
 */
export function leaseBlock(storage: DurableObjectStorage, deviceId: string, req: LeaseRequest, now: number): Lease {
  return storage.transactionSync(() => {
    const sql = storage.sql
    raiseMark(sql, req.highestSeen)
    const free = sql
      .exec<LeaseRow>('SELECT * FROM number_leases WHERE device_id IS NULL ORDER BY from_n LIMIT 1')
      .toArray()[0]
    if (free) {
      const to = Math.min(free.to_n, free.from_n + req.count - 1)
      sql.exec('DELETE FROM number_leases WHERE from_n = ?', free.from_n)
      if (to < free.to_n) insert(sql, to + 1, free.to_n, null, now)
      insert(sql, free.from_n, to, deviceId, now)
      return { from: free.from_n, to }
    }
    const { top } = sql
      .exec<{ top: number }>(
        `SELECT MAX(COALESCE((SELECT MAX(to_n) FROM number_leases), 0),
                    COALESCE((SELECT highest_seen FROM number_mark WHERE id = 1), 0)) AS top`,
      )
      .one()
    const from = top + 1
    const to = top + req.count
    insert(sql, from, to, deviceId, now)
    return { from, to }
  })
}

function insert(sql: SqlStorage, from: number, to: number, deviceId: string | null, now: number): void {
  sql.exec(
    'INSERT INTO number_leases (from_n, to_n, device_id, used_to, leased_at) VALUES (?, ?, ?, ?, ?)',
    from,
    to,
    deviceId,
    from - 1,
    now,
  )
}

/** DocNumbers QuickBooks now holds (a device's write answered): their blocks count them used. */
export function markUsed(storage: DurableObjectStorage, docNumbers: readonly number[]): void {
  if (docNumbers.length === 0) return
  storage.transactionSync(() => {
    for (const n of docNumbers) {
      raiseMark(storage.sql, n)
      storage.sql.exec(
        'UPDATE number_leases SET used_to = MAX(used_to, ?) WHERE from_n <= ? AND to_n >= ? AND device_id IS NOT NULL',
        n,
        n,
        n,
      )
    }
  })
}

/** The numbers `deviceId` holds that QuickBooks has not been seen to use, as blocks (ascending). */
export function unusedOf(sql: SqlStorage, deviceId: string): Lease[] {
  return sql
    .exec<LeaseRow>('SELECT * FROM number_leases WHERE device_id = ? AND used_to < to_n ORDER BY from_n', deviceId)
    .toArray()
    .map((r) => ({ from: Math.max(r.from_n, r.used_to + 1), to: r.to_n }))
}

/**
 * A removed device's unused numbers become free blocks for the next lease; what it used stays recorded so
 * it is never leased again. Returns how many numbers went back.
 */
export function returnUnused(storage: DurableObjectStorage, deviceId: string, now: number): number {
  return storage.transactionSync(() => {
    const sql = storage.sql
    const unused = unusedOf(sql, deviceId)
    let returned = 0
    for (const block of unused) {
      sql.exec('UPDATE number_leases SET to_n = ? WHERE device_id = ? AND to_n = ?', block.from - 1, deviceId, block.to)
      sql.exec('DELETE FROM number_leases WHERE to_n < from_n')
      insert(sql, block.from, block.to, null, now)
      returned += block.to - block.from + 1
    }
    // What it used stays as a block of nobody's, so MAX(to_n) keeps counting it.
    sql.exec(`UPDATE number_leases SET device_id = '' WHERE device_id = ?`, deviceId)
    return returned
  })
}
