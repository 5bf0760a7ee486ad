/** Properties (service addresses). They never sync, so edits bump the version but queue nothing. */
import { Property, PropertyInput } from '#shared/domain/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { bumped, fresh, notFound, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Property, PropertyInput }

export async function createProperty(db: FieldsyncDB, input: PropertyInput): Promise<Result<Property, DomainError>> {
  const r = validate(Property, { ...fresh(db), ...input })
  if (!r.ok) return r
  return db.transaction('rw', db.contacts, db.properties, async (): Promise<Result<Property, DomainError>> => {
    const owner = await db.contacts.get(r.value.contactId)
    if (!owner || owner.deletedAt) return err(notFound('contact'))
    await db.properties.add(r.value)
    return ok(r.value)
  })
}

export async function updateProperty(
  db: FieldsyncDB,
  id: LocalId,
  patch: Partial<PropertyInput>,
): Promise<Result<Property, DomainError>> {
  return db.transaction('rw', db.properties, async (): Promise<Result<Property, DomainError>> => {
    const before = await db.properties.get(id)
    if (!before || before.deletedAt) return err(notFound('property'))
    const r = validate(Property, { ...before, ...patch, contactId: before.contactId })
    if (!r.ok) return r
    const next = bumped(db, before, r.value)
    if (next) await db.properties.put(next)
    return ok(next ?? before)
  })
}

/** Soft, because invoices and jobs may still point at the property. */
export async function deleteProperty(db: FieldsyncDB, id: LocalId): Promise<Result<Property, DomainError>> {
  return db.transaction('rw', db.properties, async (): Promise<Result<Property, DomainError>> => {
    const before = await db.properties.get(id)
    if (!before) return err(notFound('property'))
    if (before.deletedAt) return ok(before)
    const now = db.stamp()
    const next = { ...before, deletedAt: now, version: before.version + 1, updatedAt: now }
    await db.properties.put(next)
    return ok(next)
  })
}

export function listPropertiesForContact(db: FieldsyncDB, contactId: LocalId): Promise<Property[]> {
  return db.properties
    .where('contactId')
    .equals(contactId)
    .filter((p) => !p.deletedAt)
    .toArray()
}
