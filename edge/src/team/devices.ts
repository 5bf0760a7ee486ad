/**
 * The company's devices, in its RealmGate's SQLite: each device session names one row. A removed
 * device keeps its row (so its next call can be told why it ended); a disconnect deletes them all,
 * so every session of the company ends with the grant.
 */
import type { Device, Role } from '#shared/api/team.ts'

export interface DeviceRow extends Record<string, SqlStorageValue> {
  id: string
  name: string
  role: Role
  added_at: number
  last_seen_at: number
  removed_at: number | null
}

export function migrateDevices(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'office', 'crew')),
    added_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    removed_at INTEGER)`)
}

export function readDevice(sql: SqlStorage, id: string): DeviceRow | null {
  return sql.exec<DeviceRow>('SELECT * FROM devices WHERE id = ?', id).toArray()[0] ?? null
}

export function activeDevices(sql: SqlStorage): DeviceRow[] {
  return sql.exec<DeviceRow>('SELECT * FROM devices WHERE removed_at IS NULL ORDER BY added_at, id').toArray()
}

export function countActiveDevices(sql: SqlStorage): number {
  return sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM devices WHERE removed_at IS NULL').one().n
}

export function insertDevice(sql: SqlStorage, id: string, name: string, role: Role, now: number): DeviceRow {
  sql.exec(
    'INSERT INTO devices (id, name, role, added_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    id,
    name,
    role,
    now,
    now,
  )
  return readDevice(sql, id)!
}

export function setRole(sql: SqlStorage, id: string, role: Role, now: number): void {
  sql.exec('UPDATE devices SET role = ?, last_seen_at = ? WHERE id = ?', role, now, id)
}

export function renameDevice(sql: SqlStorage, id: string, name: string): void {
  sql.exec('UPDATE devices SET name = ? WHERE id = ?', name, id)
}

export function touchDevice(sql: SqlStorage, id: string, now: number): void {
  sql.exec('UPDATE devices SET last_seen_at = ? WHERE id = ?', now, id)
}

export function markRemoved(sql: SqlStorage, id: string, now: number): void {
  sql.exec('UPDATE devices SET removed_at = ? WHERE id = ? AND removed_at IS NULL', now, id)
}

/** Disconnect: every session of the company ends with its grant. */
export function deleteAllDevices(sql: SqlStorage): void {
  sql.exec('DELETE FROM devices')
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id as Device['id'],
    name: row.name,
    role: row.role,
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    addedAt: new Date(row.added_at).toISOString(),
  }
}
