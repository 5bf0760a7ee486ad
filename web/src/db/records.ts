/**
 * Shared steps of the repositories: validation into error values, version bumps,
 * and the transaction that writes a record and its outbox row together.
 */
import type { z } from 'zod'
import { fromZodIssues, newLocalId } from '#shared/domain/index.ts'
import type { LocalId, NotFoundError, OutboxOp, SyncKind, ValidationError } from '#shared/domain/index.ts'
import { enqueue } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'

export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>, ValidationError> {
  const r = schema.safeParse(input)
  return r.success ? ok(r.data) : err(fromZodIssues(r.error.issues))
}

export function notFound(what: string): NotFoundError {
  return { kind: 'not_found', message: `This ${what} no longer exists on this device. It may have been deleted.` }
}

type Base = { id: LocalId; version: number; updatedAt: string; deletedAt?: string | undefined }

/** A brand-new record's envelope: version 1, stamped now. */
export function fresh(db: FieldsyncDB): Base {
  return { id: newLocalId(), version: 1, updatedAt: db.stamp() }
}

/** The next version of a record, or `undefined` when the edit changes nothing (no bump, no outbox row). */
export function bumped<T extends Base>(db: FieldsyncDB, before: T, after: T): T | undefined {
  const { version: _v, updatedAt: _u, ...a } = before
  const { version: _v2, updatedAt: _u2, ...b } = after
  if (stableJson(a) === stableJson(b)) return undefined
  return { ...after, version: before.version + 1, updatedAt: db.stamp() }
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x)
            .filter(([, y]) => y !== undefined)
            .sort(([p], [q]) => (p < q ? -1 : 1)),
        )
      : x,
  )
}

/** Queue a change for sync when the record is of a kind that syncs (null: it stays local). */
export async function queue(db: FieldsyncDB, kind: SyncKind | null, rec: Base, op: OutboxOp): Promise<void> {
  if (kind) await enqueue(db, { kind, localId: rec.id, version: rec.version, op })
}
