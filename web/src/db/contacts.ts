/**
 * Contacts: the only code that writes the `contacts` table. Every create, edit and
 * delete bumps the version and queues the contact for sync in one transaction.
 * Deleting is soft (`deletedAt`, `active: false`): QuickBooks customers are made
 * inactive, never removed.
 */
import { Contact, ContactInput, deriveDisplayName, emailKey, nameKey } from '#shared/domain/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { byRank, parseSearch, searchKey } from './contact-search.ts'
import { enqueueNew } from './outbox.ts'
import { bumped, fresh, notFound, queue, validate } from './records.ts'
import type { ContactRow, FieldsyncDB } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Contact, ContactInput }

function toRow(c: Contact): ContactRow {
  return { ...c, emailKey: emailKey(c.email), nameKey: nameKey(c.displayName) }
}

/** Validates form input and fills the display name from the names or company when left blank. */
function build(base: object, input: ContactInput): Result<Contact, DomainError> {
  const fields = validate(ContactInput, input)
  if (!fields.ok) return fields
  const displayName = fields.value.displayName ?? deriveDisplayName(fields.value)
  return validate(Contact, { ...base, ...fields.value, displayName })
}

function fieldsOf(c: Contact): ContactInput {
  const { id: _i, version: _v, updatedAt: _u, deletedAt: _d, ...rest } = c
  return rest
}

export async function createContact(db: FieldsyncDB, input: ContactInput): Promise<Result<Contact, DomainError>> {
  const built = build(fresh(db), input)
  if (!built.ok) return built
  const c = built.value
  await db.transaction('rw', db.contacts, db.outbox, async () => {
    await db.contacts.add(toRow(c))
    await queue(db, 'contact', c, 'create')
  })
  return ok(c)
}

/**
 * Many contacts in one transaction (imports, demo data, benchmarks): IndexedDB is far
 * faster with one transaction than many. Nothing is written if any input is invalid;
 * error fields are prefixed with the input's index ("12.email").
 */
export async function createContacts(
  db: FieldsyncDB,
  inputs: readonly ContactInput[],
): Promise<Result<Contact[], DomainError>> {
  const built: Contact[] = []
  for (const [i, input] of inputs.entries()) {
    const r = build(fresh(db), input)
    if (!r.ok) return r.error.kind === 'validation' ? err(prefixFields(r.error, i)) : r
    built.push(r.value)
  }
  await db.transaction('rw', db.contacts, db.outbox, async () => {
    await db.contacts.bulkAdd(built.map(toRow))
    await enqueueNew(
      db,
      built.map((c) => ({ kind: 'contact' as const, localId: c.id, version: c.version, op: 'create' as const })),
    )
  })
  return ok(built)
}

function prefixFields<E extends { fields: Record<string, string> }>(e: E, i: number): E {
  return { ...e, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [`${i}.${k}`, v])) }
}

export async function updateContact(
  db: FieldsyncDB,
  id: LocalId,
  patch: Partial<ContactInput>,
): Promise<Result<Contact, DomainError>> {
  return db.transaction('rw', db.contacts, db.outbox, async (): Promise<Result<Contact, DomainError>> => {
    const before = await db.contacts.get(id)
    if (!before || before.deletedAt) return err(notFound('contact'))
    const { emailKey: _e, nameKey: _n, ...current } = before
    const built = build(
      { id, version: current.version, updatedAt: current.updatedAt, deletedAt: current.deletedAt },
      { ...fieldsOf(current), ...patch },
    )
    if (!built.ok) return built
    const next = bumped(db, current, built.value)
    if (!next) return ok(current)
    await db.contacts.put(toRow(next))
    await queue(db, 'contact', next, 'update')
    return ok(next)
  })
}

/** Soft delete: the contact disappears from lists and becomes inactive in QuickBooks. */
export async function deleteContact(db: FieldsyncDB, id: LocalId): Promise<Result<Contact, DomainError>> {
  return db.transaction('rw', db.contacts, db.outbox, async (): Promise<Result<Contact, DomainError>> => {
    const before = await db.contacts.get(id)
    if (!before) return err(notFound('contact'))
    if (before.deletedAt) return ok(before)
    const next = { ...before, active: false, deletedAt: db.stamp(), version: before.version + 1, updatedAt: db.stamp() }
    await db.contacts.put(next)
    await queue(db, 'contact', next, 'delete')
    return ok(next)
  })
}

export async function getContact(db: FieldsyncDB, id: LocalId): Promise<Contact | undefined> {
  const c = await db.contacts.get(id)
  return c && !c.deletedAt ? c : undefined
}

export type ContactQuery = { search?: string; includeInactive?: boolean }

/**
 * Contacts sorted by name; with `search`, its matches (contact-search.ts): names starting with it first, then
 * the rest, each by name.
 */
export async function listContacts(db: FieldsyncDB, q: ContactQuery = {}): Promise<Contact[]> {
  // Read in pages and sorted here rather than through a filtered cursor on the name index: a cursor calls back
  // once per contact, seconds of main thread for 10,000 on a tablet; a page is one native read.
  const rows = (await readInPages<ContactRow>(db.contacts)).filter(
    (c) => !c.deletedAt && (q.includeInactive === true || c.active),
  )
  // The name index's order: its key as text, then the id.
  rows.sort((a, b) => (a.nameKey !== b.nameKey ? (a.nameKey < b.nameKey ? -1 : 1) : a.id < b.id ? -1 : 1))
  return q.search ? byRank(rows, searchKey, parseSearch(q.search)) : rows
}

/** Records per page of `readInPages`: each page arrives, and is copied out of IndexedDB, in a task of its own. */
export const PAGE = 250

type Pageable<T> = { limit(n: number): { toArray(): PromiseLike<T[]> } }

/** Every row of a table keyed by `id`, in primary-key pages of `size` (each page one native read). */
export async function readInPages<T extends { id: string }>(
  table: { orderBy(index: ':id'): Pageable<T>; where(index: ':id'): { above(key: string): Pageable<T> } },
  size = PAGE,
): Promise<T[]> {
  const out: T[] = []
  let last: string | undefined
  for (;;) {
    const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(size)
      .toArray()
    for (const row of page) out.push(row)
    const end = page.at(-1)
    if (!end || page.length < size) return out
    last = end.id
  }
}

/** Contacts whose email matches, ignoring case and surrounding spaces. */
export function findContactsByEmail(db: FieldsyncDB, email: string): Promise<Contact[]> {
  return db.contacts
    .where('emailKey')
    .equals(emailKey(email))
    .filter((c) => !c.deletedAt)
    .toArray()
}
