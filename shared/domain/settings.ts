/** The device's settings: one row. Defaults apply to fields an older version never wrote. */
import { z } from 'zod'
import { TaxRateBps, Timestamp } from './common.ts'
import { SyncSchedule } from './sync-schedule.ts'

export const Settings = z.object({
  /** When changes are sent; company-wide, cached here from the company's settings. */
  schedule: SyncSchedule.default({ mode: 'automatic' }),
  /** The service item free-text invoice lines post to (company-wide). */
  freeTextItemId: z.string().optional(),
  /** The owner finished the setup wizard (company-wide). */
  setupDone: z.boolean().default(false),
  /** Version of the company settings cached in this row; 0 before the first copy arrived. */
  companySettingsVersion: z.int().nonnegative().default(0),
  /** `manual`: invoices and payments wait until the user picks them and sends a batch. */
  exportMode: z.enum(['automatic', 'manual']).default('automatic'),
  depositAccountId: z.string().optional(),
  defaultIncomeAccountId: z.string().optional(),
  defaultExpenseAccountId: z.string().optional(),
  pullIntervalMinutes: z.int().min(1, 'Pull at most once a minute').max(1440, 'Pull at least once a day').default(15),
  /**
   * While QuickBooks' webhooks arrive, the pull every `pullIntervalMinutes` is only a safety net: it runs this
   * often instead (each CDC call is a metered read).
   */
  safetyPollHours: z.int().min(1, 'Check at least every hour').max(24, 'Check at least once a day').default(6),
  /** The initial sync brings paid invoices (and their payments) back this many months; open ones always come. */
  historyMonths: z.int().min(0).max(120, 'Bring at most ten years of history').default(12),
  /** Push jobs as QuickBooks sub-customers. Turning it on queues every job. */
  subCustomerJobs: z.boolean().default(false),
  /** CDC high-water mark: the time of the last change pulled from QuickBooks. */
  cdcCheckpoint: Timestamp.optional(),
  /**
   * The QuickBooks company (realm) the initial sync ran against and the checkpoint belongs to. Pushes and pulls
   * run only for it: another company's Ids name other records, so a different company needs its own initial sync.
   */
  syncedRealmId: z.string().min(1).optional(),
  currency: z.string().length(3).default('USD'),
  /** BCP 47 locale for money and dates; absent means the browser's. */
  locale: z.string().optional(),
  defaultTaxRateBps: TaxRateBps.default(0),
  defaultTermsDays: z.int().min(0).max(365).default(30),
  /**
   * The company lets QuickBooks number invoices (`CustomTxnNumbers` off), as last read from it: a finalized invoice
   * takes no number here and shows QuickBooks' once synced.
   */
  quickBooksNumbers: z.boolean().default(false),
  /** The number the next finalized invoice gets. */
  nextInvoiceNumber: z.int().min(1).default(1001),
})
export type Settings = z.infer<typeof Settings>
export type SettingsInput = z.input<typeof Settings>

export const defaultSettings: Settings = Settings.parse({})
