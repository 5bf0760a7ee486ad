/** Quotes: priced proposals that stay on the device. Edits bump the version; nothing is queued. */
import { LineInput, QuoteInput, priceLine, withTotals } from '#shared/domain/index.ts'
import type { LocalId, Quote } from '#shared/domain/index.ts'
import { bumped, fresh, notFound, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Quote, QuoteInput }

export async function createQuote(db: FieldsyncDB, input: QuoteInput): Promise<Result<Quote, DomainError>> {
  const r = validate(QuoteInput, input)
  if (!r.ok) return r
  const quote: Quote = withTotals({ ...fresh(db), ...r.value, lines: [] })
  return db.transaction('rw', db.quotes, db.contacts, async (): Promise<Result<Quote, DomainError>> => {
    const owner = await db.contacts.get(quote.contactId)
    if (!owner || owner.deletedAt) return err(notFound('contact'))
    await db.quotes.add(quote)
    return ok(quote)
  })
}

async function edit(
  db: FieldsyncDB,
  id: LocalId,
  change: (q: Quote) => Promise<Result<Quote, DomainError>> | Result<Quote, DomainError>,
): Promise<Result<Quote, DomainError>> {
  return db.transaction('rw', db.quotes, db.items, async (): Promise<Result<Quote, DomainError>> => {
    const before = await db.quotes.get(id)
    if (!before || before.deletedAt) return err(notFound('quote'))
    const r = await change(before)
    if (!r.ok) return r
    const next = bumped(db, before, withTotals(r.value))
    if (next) await db.quotes.put(next)
    return ok(next ?? before)
  })
}

export function updateQuote(
  db: FieldsyncDB,
  id: LocalId,
  patch: Partial<QuoteInput>,
): Promise<Result<Quote, DomainError>> {
  return edit(db, id, (q) => {
    const r = validate(QuoteInput, { ...q, ...patch, contactId: q.contactId })
    return r.ok ? ok({ ...q, ...r.value }) : r
  })
}

export function addQuoteLine(db: FieldsyncDB, id: LocalId, input: LineInput): Promise<Result<Quote, DomainError>> {
  return edit(db, id, (q) => {
    const r = validate(LineInput, input)
    return r.ok ? ok({ ...q, lines: [...q.lines, priceLine(r.value, `L${q.lines.length + 1}-${q.version}`)] }) : r
  })
}

export function addQuoteLineFromItem(
  db: FieldsyncDB,
  id: LocalId,
  itemId: LocalId,
  qty = 1000,
): Promise<Result<Quote, DomainError>> {
  return edit(db, id, async (q) => {
    const item = await db.items.get(itemId)
    if (!item || item.deletedAt) return err(notFound('item'))
    const line = priceLine(
      { itemId, name: item.name, description: item.description, qty, unitPrice: item.unitPrice, taxable: item.taxable },
      `L${q.lines.length + 1}-${q.version}`,
    )
    return ok({ ...q, lines: [...q.lines, line] })
  })
}

export function removeQuoteLine(db: FieldsyncDB, id: LocalId, lineId: string): Promise<Result<Quote, DomainError>> {
  return edit(db, id, (q) => ok({ ...q, lines: q.lines.filter((l) => l.id !== lineId) }))
}

/** Quotes never left the device, so deleting one removes it. */
export async function deleteQuote(db: FieldsyncDB, id: LocalId): Promise<Result<true, DomainError>> {
  await db.quotes.delete(id)
  return ok(true)
}

export function listQuotesForContact(db: FieldsyncDB, contactId: LocalId): Promise<Quote[]> {
  return db.quotes
    .where('contactId')
    .equals(contactId)
    .filter((q) => !q.deletedAt)
    .toArray()
}
