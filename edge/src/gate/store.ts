/**
 * The RealmGate's SQLite tables and every statement on them: one `connection` row (realm, company
 * name, the sealed token pair, expiries, the Reconnect flag) and the `changes` webhooks reported.
 * Tokens only ever arrive here sealed; each write is one statement, so a new pair replaces the old
 * one whole or not at all.
 */
import { MAX_CHANGES_LISTED, type WebhookChange } from '#shared/api/session.ts'
import type { RealmChange } from '../webhooks/payload.ts'

export interface ConnectionRow extends Record<string, SqlStorageValue> {
  realm_id: string
  company_name: string | null
  sealed_tokens: string | null
  access_expires_at: number | null
  refresh_expires_at: number | null
  needs_reconnect: number
  grant_id: string | null
}

export interface SealedGrant {
  sealed: string
  accessExpiresAt: number
  refreshExpiresAt: number
}

const MAX_CHANGES_KEPT = 1000

export function migrate(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS connection (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    realm_id TEXT NOT NULL,
    company_name TEXT,
    sealed_tokens TEXT,
    access_expires_at INTEGER,
    refresh_expires_at INTEGER,
    needs_reconnect INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL)`)
  // Added after the first schema; local dev databases may predate it.
  const columns = sql
    .exec<{ name: string }>('PRAGMA table_info(connection)')
    .toArray()
    .map((c) => c.name)
  if (!columns.includes('grant_id')) sql.exec('ALTER TABLE connection ADD COLUMN grant_id TEXT')
  sql.exec(`CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, operation TEXT NOT NULL,
    last_updated TEXT, received_at INTEGER NOT NULL)`)
}

export function readConnection(sql: SqlStorage): ConnectionRow | null {
  return sql.exec<ConnectionRow>('SELECT * FROM connection WHERE id = 1').toArray()[0] ?? null
}

/** A new grant from the code exchange: replaces any older one and clears Reconnect. */
export function writeGrant(sql: SqlStorage, realmId: string, grantId: string, grant: SealedGrant, now: number): void {
  sql.exec(
    `INSERT INTO connection (id, realm_id, grant_id, sealed_tokens, access_expires_at, refresh_expires_at, needs_reconnect, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT(id) DO UPDATE SET realm_id = excluded.realm_id, grant_id = excluded.grant_id, sealed_tokens = excluded.sealed_tokens,
       access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
       needs_reconnect = 0, updated_at = excluded.updated_at`,
    realmId,
    grantId,
    grant.sealed,
    grant.accessExpiresAt,
    grant.refreshExpiresAt,
    now,
  )
}

/** The pair a refresh returned, in place of the one it used. */
export function writeRefreshed(sql: SqlStorage, grant: SealedGrant, now: number): void {
  sql.exec(
    'UPDATE connection SET sealed_tokens = ?, access_expires_at = ?, refresh_expires_at = ?, needs_reconnect = 0, updated_at = ? WHERE id = 1',
    grant.sealed,
    grant.accessExpiresAt,
    grant.refreshExpiresAt,
    now,
  )
}

export function markNeedsReconnect(sql: SqlStorage, now: number): void {
  sql.exec('UPDATE connection SET needs_reconnect = 1, updated_at = ? WHERE id = 1', now)
}

export function wipeTokens(sql: SqlStorage, now: number): void {
  sql.exec(
    'UPDATE connection SET grant_id = NULL, sealed_tokens = NULL, access_expires_at = NULL, refresh_expires_at = NULL, needs_reconnect = 0, updated_at = ? WHERE id = 1',
    now,
  )
}

export function writeCompanyName(sql: SqlStorage, name: string | null): void {
  sql.exec('UPDATE connection SET company_name = ? WHERE id = 1', name)
}

/** Appends webhook changes, keeps the latest {@link MAX_CHANGES_KEPT}, returns the highest seq. */
export function appendChanges(sql: SqlStorage, changes: readonly RealmChange[], now: number): number {
  for (const ch of changes) {
    sql.exec(
      'INSERT INTO changes (entity, entity_id, operation, last_updated, received_at) VALUES (?, ?, ?, ?, ?)',
      ch.entity,
      ch.id,
      ch.operation,
      ch.lastUpdated,
      now,
    )
  }
  const seq = latestChangeSeq(sql)
  sql.exec('DELETE FROM changes WHERE seq <= ?', seq - MAX_CHANGES_KEPT)
  return seq
}

export function latestChangeSeq(sql: SqlStorage): number {
  return sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').one().seq
}

export function changesAfter(sql: SqlStorage, since: number): WebhookChange[] {
  return sql
    .exec<{
      seq: number
      entity: string
      entity_id: string
      operation: string
      last_updated: string | null
      received_at: number
    }>(
      'SELECT seq, entity, entity_id, operation, last_updated, received_at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
      since,
      MAX_CHANGES_LISTED,
    )
    .toArray()
    .map((r) => ({
      seq: r.seq,
      entity: r.entity,
      id: r.entity_id,
      operation: r.operation,
      lastUpdated: r.last_updated,
      receivedAt: new Date(r.received_at).toISOString(),
    }))
}

/** The same pair sealed again under the current key; only if `grantId` is still the stored grant. */
export function writeResealed(sql: SqlStorage, grantId: string, sealed: string, now: number): void {
  sql.exec(
    'UPDATE connection SET sealed_tokens = ?, updated_at = ? WHERE id = 1 AND grant_id = ?',
    sealed,
    now,
    grantId,
  )
}
