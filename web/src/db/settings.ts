/**
 * The settings row. Not synced itself, but turning on sub-customer jobs queues
 * every job so the next sync pushes them.
 */
import { Settings, defaultSettings, fromZodIssues } from '#shared/domain/index.ts'
import type { SettingsInput } from '#shared/domain/index.ts'
import { invoiceNumberPast } from './invoice-numbers.ts'
import { enqueue } from './outbox.ts'
import type { FieldsyncDB, SettingsRow } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Settings, SettingsInput }

/** The stored settings with defaults for anything never written. */
export async function getSettings(db: FieldsyncDB): Promise<Settings> {
  const row = await db.settings.get('app')
  if (!row) return defaultSettings
  const { id: _id, ...rest } = row
  const r = Settings.safeParse(rest)
  return r.success ? r.data : defaultSettings
}

export async function updateSettings(
  db: FieldsyncDB,
  patch: Partial<SettingsInput>,
): Promise<Result<Settings, DomainError>> {
  return db.transaction(
    'rw',
    [db.settings, db.jobs, db.mappings, db.outbox],
    async (): Promise<Result<Settings, DomainError>> => {
      const before = await getSettings(db)
      const r = Settings.safeParse({ ...before, ...patch })
      if (!r.success) return err(fromZodIssues(r.error.issues))
      const row: SettingsRow = { ...r.data, id: 'app' }
      await db.settings.put(row)
      if (!before.subCustomerJobs && r.data.subCustomerJobs) await queueAllJobs(db)
      return ok(r.data)
    },
  )
}

async function queueAllJobs(db: FieldsyncDB): Promise<void> {
  const jobs = await db.jobs.filter((j) => !j.deletedAt).toArray()
  for (const j of jobs) {
    const mapped = await db.mappings.get(['job', j.id])
    await enqueue(db, { kind: 'job', localId: j.id, version: j.version, op: mapped ? 'update' : 'create' })
  }
}

/**
 * Takes the next invoice number inside the caller's transaction (which must include
 * `settings`), so two finalizes can never get the same number.
 */
export async function takeInvoiceNumber(db: FieldsyncDB): Promise<string> {
  const s = await getSettings(db)
  await db.settings.put({ ...s, id: 'app', nextInvoiceNumber: s.nextInvoiceNumber + 1 })
  return String(s.nextInvoiceNumber)
}

/**
 * Moves the next invoice number past QuickBooks' numeric DocNumbers (never backwards), after the initial sync
 * and each pull, so the app's next invoice never takes a number the company already used.
 */
export async function moveInvoiceNumberPast(db: FieldsyncDB, docNumbers: readonly unknown[]): Promise<Settings> {
  return db.transaction('rw', [db.settings, db.jobs, db.mappings, db.outbox], async () => {
    const before = await getSettings(db)
    const next = invoiceNumberPast(before.nextInvoiceNumber, docNumbers)
    if (next === before.nextInvoiceNumber) return before
    const r = await updateSettings(db, { nextInvoiceNumber: next })
    return r.ok ? r.value : before
  })
}
