/**
 * The one place the setup wizard, the schedule and the export switch write the company's QuickBooks settings.
 * They are company-wide (`shared/api/company-settings.ts`): with a company connected they go to the edge first
 * (owners only; every device then gets them) and are cached here; before any company is connected they are this
 * device's own, kept for the company it connects.
 * @module
 */
import type { CompanySettings } from '#shared/api/company-settings.ts'
import { ok, type Result } from '#shared/result.ts'
import { updateSettings } from '../../db/settings.ts'
import { saveCompanySettings as saveOnEdge } from '../../state/company-settings-api.ts'
import type { useDb } from '../../state/db.ts'

/** A change to the company's settings; `undefined` clears an optional one (an account back to the default). */
export type CompanySettingsPatch = { [K in keyof CompanySettings]?: CompanySettings[K] | undefined }

export async function saveCompanySettings(
  db: ReturnType<typeof useDb>,
  realmId: string | undefined,
  patch: CompanySettingsPatch,
): Promise<Result<true, { message: string }>> {
  const r = realmId === undefined ? await updateSettings(db, patch) : await saveOnEdge(db, realmId, patch)
  return r.ok ? ok(true) : r
}
