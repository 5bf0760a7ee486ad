/** A draft invoice's lines: add (typed or from the pricebook), change, remove. Finalized lines are locked. */
import { LineInput, priceLine, withTotals } from '#shared/domain/index.ts'
import type { DomainError, Invoice, Line, LocalId } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { edit } from './invoice-edit.ts'
import { notFound, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'

const locked: DomainError = {
  kind: 'invalid_state',
  message: 'This invoice is finalized, so its lines are locked. Void it and create a new one to change them.',
}

function editLines(inv: Invoice, lines: Line[]): Result<Invoice, DomainError> {
  if (inv.status !== 'draft') return err(locked)
  const priced = withTotals({ ...inv, lines })
  return ok({ ...priced, balance: priced.total })
}

/** A free-text line (or one whose fields the user typed). */
export function addLine(db: FieldsyncDB, id: LocalId, input: LineInput): Promise<Result<Invoice, DomainError>> {
  return edit(db, id, 'update', (inv) => {
    const r = validate(LineInput, input)
    if (!r.ok) return r
    return editLines(inv, [...inv.lines, priceLine(r.value, nextLineId(inv.lines))])
  })
}

/** A line from the pricebook: copies the item's name, description, price and taxable flag. */
export function addLineFromItem(
  db: FieldsyncDB,
  id: LocalId,
  itemId: LocalId,
  qty = 1000,
): Promise<Result<Invoice, DomainError>> {
  return edit(db, id, 'update', async (inv) => {
    const item = await db.items.get(itemId)
    if (!item || item.deletedAt) return err(notFound('item'))
    const r = validate(LineInput, {
      itemId,
      name: item.name,
      description: item.description,
      qty,
      unitPrice: item.unitPrice,
      taxable: item.taxable,
    })
    if (!r.ok) return r
    return editLines(inv, [...inv.lines, priceLine(r.value, nextLineId(inv.lines))])
  })
}

export function updateLine(
  db: FieldsyncDB,
  id: LocalId,
  lineId: string,
  patch: Partial<LineInput>,
): Promise<Result<Invoice, DomainError>> {
  return edit(db, id, 'update', (inv) => {
    const at = inv.lines.findIndex((l) => l.id === lineId)
    const line = inv.lines[at]
    if (!line) return err(notFound('line'))
    const r = validate(LineInput, { ...line, ...patch })
    if (!r.ok) return r
    return editLines(
      inv,
      inv.lines.map((l, i) => (i === at ? priceLine(r.value, lineId) : l)),
    )
  })
}

export function removeLine(db: FieldsyncDB, id: LocalId, lineId: string): Promise<Result<Invoice, DomainError>> {
  return edit(db, id, 'update', (inv) =>
    editLines(
      inv,
      inv.lines.filter((l) => l.id !== lineId),
    ),
  )
}

function nextLineId(lines: readonly Line[]): string {
  const max = lines.reduce((m, l) => Math.max(m, Number(l.id.slice(1)) || 0), 0)
  return `L${max + 1}`
}
