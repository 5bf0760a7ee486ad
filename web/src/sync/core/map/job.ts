/**
 * Job → QuickBooks sub-customer (`Job: true`, `ParentRef` to the contact's customer, billed with the parent),
 * used only when jobs sync as sub-customers. The job's number, when it has one, leads its name ("J-104 Oak Ave
 * boiler"), so the bookkeeper finds the job by the number the crew uses. The job's name is its DisplayName, under the same rules as a
 * customer's: a clash with another customer's name comes back as 6240 and is offered as rename-or-link.
 * @module
 */
import type { Job } from '#shared/domain/index.ts'
import type { QboCustomer } from '#shared/qbo/index.ts'
import { compact } from './compact.ts'
import { mapError, mapped, type Mapped, type MapWarning } from './map-result.ts'
import type { RefResolver } from './refs.ts'
import { cleanName, LIMITS } from './text-rules.ts'

export type JobFields = Pick<Job, 'name' | 'contactId' | 'status'> & { number?: string | undefined }

export function jobToSubCustomer(j: JobFields, ctx: { ref: RefResolver }): Mapped<Partial<QboCustomer>> {
  const warnings: MapWarning[] = []
  const number = j.number?.trim()
  const full = number ? `${number} ${j.name.trim()}` : j.name.trim()
  const name = cleanName(full, LIMITS.displayName)
  if (name === undefined || j.name.trim() === '')
    return mapError('DisplayName', 'Give this job a name before it can go to QuickBooks.')
  if (name !== full) {
    warnings.push({
      field: 'DisplayName',
      message: 'Colons, tabs and line breaks were replaced by spaces: QuickBooks does not allow them in names.',
    })
  }
  return mapped(
    compact({
      DisplayName: name,
      Job: true,
      BillWithParent: true,
      ParentRef: { value: ctx.ref({ kind: 'contact', localId: j.contactId }) },
      // A cancelled job is made inactive rather than deleted: QuickBooks keeps name-list records.
      Active: j.status !== 'cancelled',
    }),
    warnings,
  )
}
