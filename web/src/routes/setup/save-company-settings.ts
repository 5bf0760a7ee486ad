/**
 * The one place the setup wizard, the schedule and the export switch write the company's QuickBooks settings.
 * They are company-wide (`shared/api/company-settings.ts`); until the company settings state sends an owner's
 * edits to the edge, they are written to this device's cached settings row. Pointing this function at the company
 * settings is the whole change then.
 * @module
 */
import type { CompanySettings } from '#shared/api/company-settings.ts'
import type { Settings } from '#shared/domain/index.ts'
import type { DomainError } from '#shared/domain/index.ts'
import type { Result } from '#shared/result.ts'
import { updateSettings } from '../../db/settings.ts'
import type { useDb } from '../../state/db.ts'

/** A change to the company's settings; `undefined` clears an optional one (an account back to the default). */
export type CompanySettingsPatch = { [K in keyof CompanySettings]?: CompanySettings[K] | undefined }

export function saveCompanySettings(
  db: ReturnType<typeof useDb>,
  patch: CompanySettingsPatch,
): Promise<Result<Settings, DomainError>> {
  return updateSettings(db, patch)
}
