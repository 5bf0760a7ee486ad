/**
 * Company-wide settings: one copy in the company's RealmGate, shared by every device. Owners change
 * them (`PUT /api/company/settings`, 403 `forbidden_role` for others); every device reads them with
 * `GET /api/company/settings`, gets them pushed on the change feed, and caches them for offline use.
 * A write names the version it was based on; a stale one answers 409 `settings_conflict` with the current copy.
 */
import { z } from 'zod'
import { SyncSchedule } from '../domain/sync-schedule.ts'
import { ApiError } from './errors.ts'

export { SyncSchedule }

export const CompanySettings = z.object({
  /** Deposit account for payments; absent means QuickBooks' Undeposited Funds. */
  depositAccountId: z.string().min(1).optional(),
  /** Income and expense accounts for new items; absent means the company's usual ones (found at setup). */
  defaultIncomeAccountId: z.string().min(1).optional(),
  defaultExpenseAccountId: z.string().min(1).optional(),
  /** The service item that free-text invoice lines post to. */
  freeTextItemId: z.string().min(1).optional(),
  schedule: SyncSchedule.default({ mode: 'automatic' }),
  /** `manual`: finalized invoices and payments wait for an owner's approval on the Export screen. */
  exportMode: z.enum(['automatic', 'manual']).default('automatic'),
  /** Push jobs as QuickBooks sub-customers. */
  subCustomerJobs: z.boolean().default(false),
  /** The initial sync brings paid invoices back this many months; open ones always come. */
  historyMonths: z.int().min(0).max(120, 'Bring at most ten years of history').default(12),
  /** While webhooks arrive, the safety pull runs this often. */
  safetyPollHours: z.int().min(1, 'Check at least every hour').max(24, 'Check at least once a day').default(6),
  /** Whether the owner finished the setup wizard. */
  setupDone: z.boolean().default(false),
})
export type CompanySettings = z.infer<typeof CompanySettings>

export const defaultCompanySettings: CompanySettings = CompanySettings.parse({})

export const CompanySettingsDoc = z.object({
  /** Increases by one on every change; 0 means never written. */
  version: z.int().nonnegative(),
  settings: CompanySettings,
  updatedAt: z.string().nullable(),
  /** The device that made the last change, for the log. */
  updatedBy: z.string().nullable(),
})
export type CompanySettingsDoc = z.infer<typeof CompanySettingsDoc>

export const PutCompanySettings = z.object({ baseVersion: z.int().nonnegative(), settings: CompanySettings })
export type PutCompanySettings = z.infer<typeof PutCompanySettings>

/** The 409 a stale write gets: the usual error and the copy the write should have been based on. */
export const SettingsConflictBody = z.object({ error: ApiError, current: CompanySettingsDoc })
export type SettingsConflictBody = z.infer<typeof SettingsConflictBody>
