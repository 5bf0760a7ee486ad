/**
 * Company-wide settings in the RealmGate's SQLite: one JSON document with a version that grows by one
 * on every write. A write names the version it was based on, so two owners editing at once cannot
 * silently undo each other: the later one is told, with the current copy.
 */
import {
  CompanySettings,
  defaultCompanySettings,
  type CompanySettingsDoc,
  type PutCompanySettings,
} from '#shared/api/company-settings.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { GateError } from '../gate/upstream.ts'
import { parseStrictJson } from '../json/strict-json.ts'

export function migrateSettings(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS company_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    settings TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT)`)
}

interface SettingsRow extends Record<string, SqlStorageValue> {
  version: number
  settings: string
  updated_at: number
  updated_by: string | null
}

export function readSettings(sql: SqlStorage): CompanySettingsDoc {
  const row = sql.exec<SettingsRow>('SELECT * FROM company_settings WHERE id = 1').toArray()[0]
  if (row === undefined) return { version: 0, settings: defaultCompanySettings, updatedAt: null, updatedBy: null }
  const json = parseStrictJson(row.settings)
  // Parsed again on the way out, so fields added to the schema later come with their defaults.
  const parsed = CompanySettings.safeParse(json.ok ? json.value : undefined)
  return {
    version: row.version,
    settings: parsed.success ? parsed.data : defaultCompanySettings,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  }
}

/** Writes `put` if it was based on the current version; otherwise `settings_conflict` with the current copy. */
export function writeSettings(
  sql: SqlStorage,
  put: PutCompanySettings,
  deviceId: string,
  now: number,
): Result<CompanySettingsDoc, GateError & { current: CompanySettingsDoc }> {
  const current = readSettings(sql)
  if (put.baseVersion !== current.version) {
    const message = 'The settings were changed on another device meanwhile; here is what they are now.'
    return err({ code: 'settings_conflict', message, current })
  }
  sql.exec(
    `INSERT INTO company_settings (id, version, settings, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, settings = excluded.settings,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    current.version + 1,
    JSON.stringify(put.settings),
    now,
    deviceId,
  )
  return ok(readSettings(sql))
}
