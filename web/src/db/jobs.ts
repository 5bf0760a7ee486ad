/**
 * Jobs. They reach QuickBooks as sub-customers only when the setting is on, so
 * edits queue an outbox row only then (turning the setting on queues every job).
 */
import { Job, JobInput } from '#shared/domain/index.ts'
import type { LocalId, OutboxOp } from '#shared/domain/index.ts'
import { bumped, fresh, notFound, queue, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { getSettings } from './settings.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Job, JobInput }

const tables = (db: FieldsyncDB) => [db.jobs, db.contacts, db.settings, db.outbox]

async function queueIfSynced(db: FieldsyncDB, job: Job, op: OutboxOp): Promise<void> {
  if ((await getSettings(db)).subCustomerJobs) await queue(db, 'job', job, op)
}

export async function createJob(db: FieldsyncDB, input: JobInput): Promise<Result<Job, DomainError>> {
  const r = validate(Job, { ...fresh(db), ...input })
  if (!r.ok) return r
  return db.transaction('rw', tables(db), async (): Promise<Result<Job, DomainError>> => {
    const owner = await db.contacts.get(r.value.contactId)
    if (!owner || owner.deletedAt) return err(notFound('contact'))
    await db.jobs.add(r.value)
    await queueIfSynced(db, r.value, 'create')
    return ok(r.value)
  })
}

export async function updateJob(
  db: FieldsyncDB,
  id: LocalId,
  patch: Partial<JobInput>,
): Promise<Result<Job, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Job, DomainError>> => {
    const before = await db.jobs.get(id)
    if (!before || before.deletedAt) return err(notFound('job'))
    const r = validate(Job, { ...before, ...patch, contactId: before.contactId })
    if (!r.ok) return r
    const next = bumped(db, before, r.value)
    if (!next) return ok(before)
    await db.jobs.put(next)
    await queueIfSynced(db, next, 'update')
    return ok(next)
  })
}

export async function deleteJob(db: FieldsyncDB, id: LocalId): Promise<Result<Job, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Job, DomainError>> => {
    const before = await db.jobs.get(id)
    if (!before) return err(notFound('job'))
    if (before.deletedAt) return ok(before)
    const now = db.stamp()
    const next: Job = { ...before, status: 'cancelled', deletedAt: now, version: before.version + 1, updatedAt: now }
    await db.jobs.put(next)
    await queueIfSynced(db, next, 'delete')
    return ok(next)
  })
}

export function listJobsForContact(db: FieldsyncDB, contactId: LocalId): Promise<Job[]> {
  return db.jobs
    .where('contactId')
    .equals(contactId)
    .filter((j) => !j.deletedAt)
    .toArray()
}
