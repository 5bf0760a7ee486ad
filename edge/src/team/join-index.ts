/**
 * The app-wide join index: one RealmGate instance under a name no realm can have ({@link JOIN_INDEX})
 * maps a code's handle hash to its company, role, expiry and wrong tries, and counts each client's
 * tries. Redeeming is one synchronous run of statements, so a code can be used once only.
 */
import { JOIN_CODE_MAX_TRIES, type Role } from '#shared/api/team.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { GateError } from '../gate/upstream.ts'
import { sameHash, type CodeHashes } from './join-code.ts'

/** Realm ids are digits: this name can never be a company's. */
export const JOIN_INDEX = 'join-index'

/** Tries one client may make in a window, right or wrong. */
export const CLIENT_TRIES = 10
export const CLIENT_WINDOW_MS = 10 * 60 * 1000

export interface JoinEntry {
  hashes: CodeHashes
  realmId: string
  role: Role
  expiresAt: number
}

export function migrateJoinIndex(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS join_codes (
    handle_hash TEXT PRIMARY KEY, code_hash TEXT NOT NULL, realm_id TEXT NOT NULL, role TEXT NOT NULL,
    expires_at INTEGER NOT NULL, wrong_tries INTEGER NOT NULL DEFAULT 0)`)
  sql.exec('CREATE TABLE IF NOT EXISTS join_tries (client TEXT NOT NULL, at INTEGER NOT NULL)')
  sql.exec('CREATE INDEX IF NOT EXISTS join_tries_client ON join_tries (client, at)')
}

/** False when a live code already has this handle (the caller makes another code). */
export function registerCode(sql: SqlStorage, entry: JoinEntry, now: number): boolean {
  sql.exec('DELETE FROM join_codes WHERE expires_at <= ?', now)
  const taken = sql.exec('SELECT 1 FROM join_codes WHERE handle_hash = ?', entry.hashes.handle).toArray().length > 0
  if (taken) return false
  sql.exec(
    'INSERT INTO join_codes (handle_hash, code_hash, realm_id, role, expires_at) VALUES (?, ?, ?, ?, ?)',
    entry.hashes.handle,
    entry.hashes.code,
    entry.realmId,
    entry.role,
    entry.expiresAt,
  )
  return true
}

const invalid: GateError = {
  code: 'join_code_invalid',
  message: 'That join code is not valid: it may be mistyped, used already or expired. Ask the owner for a new one.',
}

/** The code's company and role, once; a wrong code costs its handle one of its tries. */
export function redeemCode(
  sql: SqlStorage,
  hashes: CodeHashes,
  client: string,
  now: number,
): Result<{ realmId: string; role: Role }, GateError> {
  sql.exec('DELETE FROM join_tries WHERE at <= ?', now - CLIENT_WINDOW_MS)
  const tries = sql
    .exec<{ n: number; first: number | null }>(
      'SELECT COUNT(*) AS n, MIN(at) AS first FROM join_tries WHERE client = ?',
      client,
    )
    .one()
  if (tries.n >= CLIENT_TRIES) {
    const retryAfterMs = Math.max(1, (tries.first ?? now) + CLIENT_WINDOW_MS - now)
    return err({
      code: 'join_rate_limited',
      message: 'Too many join tries from here; wait a few minutes.',
      retryAfterMs,
    })
  }
  sql.exec('INSERT INTO join_tries (client, at) VALUES (?, ?)', client, now)
  sql.exec('DELETE FROM join_codes WHERE expires_at <= ?', now)
  const row = sql
    .exec<{ code_hash: string; realm_id: string; role: Role; wrong_tries: number }>(
      'SELECT code_hash, realm_id, role, wrong_tries FROM join_codes WHERE handle_hash = ?',
      hashes.handle,
    )
    .toArray()[0]
  if (row === undefined) return err(invalid)
  if (!sameHash(row.code_hash, hashes.code)) {
    if (row.wrong_tries + 1 >= JOIN_CODE_MAX_TRIES)
      sql.exec('DELETE FROM join_codes WHERE handle_hash = ?', hashes.handle)
    else sql.exec('UPDATE join_codes SET wrong_tries = wrong_tries + 1 WHERE handle_hash = ?', hashes.handle)
    return err(invalid)
  }
  sql.exec('DELETE FROM join_codes WHERE handle_hash = ?', hashes.handle)
  return ok({ realmId: row.realm_id, role: row.role })
}
