/** A piece of work for a contact. Syncs as a QuickBooks sub-customer only when the setting is on. */
import { z } from 'zod'
import { CalendarDate, LocalId, optionalText, requiredText, syncableShape } from './common.ts'

export const JobStatus = z.enum(['open', 'done', 'cancelled'])
export type JobStatus = z.infer<typeof JobStatus>

const jobFields = {
  contactId: LocalId,
  propertyId: LocalId.optional(),
  /** Becomes the sub-customer's DisplayName, so it follows the same 100-character name limit. */
  name: requiredText(100, 'Enter a job name'),
  /** The contractor's own job number; it leads the sub-customer's name in QuickBooks. */
  number: optionalText(30),
  status: JobStatus.default('open'),
  scheduledFor: CalendarDate.optional(),
  notes: optionalText(4000),
}

export const JobInput = z.object(jobFields)
export type JobInput = z.input<typeof JobInput>

export const Job = z.object({ ...syncableShape, ...jobFields })
export type Job = z.infer<typeof Job>
