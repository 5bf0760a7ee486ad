/**
 * Field schemas every domain record shares: ids, timestamps, dates, money and
 * the envelope that makes a record syncable (`id`, `version`, `updatedAt`,
 * `deletedAt`). Plain zod, so web, edge, emulator and the sync engine agree.
 */
import { z } from 'zod'
import { LocalId } from '../ids.ts'

export { LocalId, newLocalId } from '../ids.ts'

/** An instant, ISO 8601 in UTC (`new Date().toISOString()`). */
export const Timestamp = z.iso.datetime({ offset: true })
export type Timestamp = z.infer<typeof Timestamp>

/** A calendar day, `YYYY-MM-DD`, as QuickBooks' TxnDate and DueDate use. */
export const CalendarDate = z.iso.date('Enter a date like 2025-03-31')
export type CalendarDate = z.infer<typeof CalendarDate>

/** Money in integer cents of the company's currency. Never a float. */
export const Cents = z.int('Enter an amount in cents').min(-1e13).max(1e13)
export const NonNegativeCents = Cents.min(0, 'Enter an amount of zero or more')
export const PositiveCents = Cents.min(1, 'Enter an amount greater than zero')

/** Quantity in thousandths (1.5 units = 1500), so decimal quantities stay exact. */
export const QtyThousandths = z
  .int('Enter a quantity')
  .refine((q) => q !== 0, 'Enter a quantity other than zero')
  .refine((q) => Math.abs(q) <= 1e9, 'Enter a quantity under one million')

/** A tax rate in basis points: 825 = 8.25 %. */
export const TaxRateBps = z
  .int('Enter a tax rate')
  .min(0, 'Enter a tax rate of zero or more')
  .max(10_000, 'Enter a tax rate of at most 100%')

/** Free text a user typed: trimmed, blank means absent. */
export function optionalText(max: number, tooLong = `Keep this under ${max} characters`) {
  return z.preprocess(blankToUndefined, z.string().trim().max(max, tooLong).optional())
}

export function requiredText(max: number, missing: string, tooLong = `Keep this under ${max} characters`) {
  return z.string(missing).trim().min(1, missing).max(max, tooLong)
}

export const OptionalEmail = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z.email('Enter an email like name@example.com').max(100, 'Keep the email under 100 characters').optional(),
)

function blankToUndefined(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? undefined : v
}

/**
 * What makes a record syncable. `version` starts at 1 and grows by one on every
 * local write; the sync engine compares it with the mapping's `syncedVersion`.
 * `deletedAt` marks a soft delete: synced records are never removed locally.
 */
export const syncableShape = {
  id: LocalId,
  version: z.int().min(1),
  updatedAt: Timestamp,
  deletedAt: Timestamp.optional(),
}
export const Syncable = z.object(syncableShape)
export type Syncable = z.infer<typeof Syncable>

/** The kinds of record that can reach QuickBooks. Properties and quotes never do. */
export const SyncKind = z.enum(['contact', 'item', 'invoice', 'payment', 'job'])
export type SyncKind = z.infer<typeof SyncKind>
