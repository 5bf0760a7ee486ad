/**
 * Company-wide settings on this device. The company's copy lives on the edge (shared/api/company-settings.ts);
 * each device caches it in its one Settings row, with the version it holds, so the engine and every screen keep
 * reading one place and an offline device keeps the last copy it had. Before any company is connected the row
 * is the device's own, edited as before.
 * @module
 */
import { CompanySettings, type CompanySettingsDoc } from '#shared/api/index.ts'
import type { Settings, SettingsInput } from '#shared/domain/index.ts'
import { getSettings, updateSettings } from '../db/settings.ts'
import type { FieldsyncDB } from '../db/schema.ts'

/** The fields of the Settings row that belong to the company. */
export const companyFields = [
  'depositAccountId',
  'defaultIncomeAccountId',
  'defaultExpenseAccountId',
  'freeTextItemId',
  'schedule',
  'exportMode',
  'subCustomerJobs',
  'historyMonths',
  'safetyPollHours',
  'setupDone',
] as const satisfies readonly (keyof CompanySettings & keyof Settings)[]

export type CompanyField = (typeof companyFields)[number]

/** The company's part of a device's row, as the edge takes it. */
export function companySettingsOf(s: Settings): CompanySettings {
  const picked: Record<string, unknown> = {}
  for (const f of companyFields) if (s[f] !== undefined) picked[f] = s[f]
  return CompanySettings.parse(picked)
}

/** The row change that caches `doc`: every company field (an absent one cleared) and its version. */
export function rowPatch(doc: CompanySettingsDoc): Partial<SettingsInput> {
  const patch: Record<string, unknown> = { companySettingsVersion: doc.version }
  for (const f of companyFields) patch[f] = doc.settings[f]
  return patch as Partial<SettingsInput>
}

const REALM_KEY = 'fieldsync:company-settings-realm'
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

/**
 * Caches `doc` of company `realmId` unless this device already holds that version or a later one of it (a feed
 * notice and a read can arrive in either order). Versions count per company: another company's copy always
 * replaces the cached one. Answers whether the row changed.
 */
export async function applyCompanySettings(
  db: FieldsyncDB,
  doc: CompanySettingsDoc,
  realmId: string,
): Promise<boolean> {
  const held = await getSettings(db)
  const sameCompany = storage()?.getItem(REALM_KEY) === realmId
  if (sameCompany && doc.version <= held.companySettingsVersion && held.companySettingsVersion > 0) return false
  const r = await updateSettings(db, rowPatch(doc))
  if (r.ok) storage()?.setItem(REALM_KEY, realmId)
  return r.ok
}

/** The version this device holds of company `realmId`'s settings; 0 when it holds none of that company. */
export async function heldVersion(db: FieldsyncDB, realmId: string): Promise<number> {
  if (storage()?.getItem(REALM_KEY) !== realmId) return 0
  return (await getSettings(db)).companySettingsVersion
}
