/**
 * Fixing a payment after it was recorded: its amount, date, method, reference and memo, and which invoices it
 * pays (applying a credit later, or spreading one payment over several invoices). The invoices' balances follow
 * in the same transaction: what the payment had on an invoice goes back first, then the new applications come off.
 * Before or after it reached QuickBooks alike: once sent, the queued update goes out as a sparse update.
 */
import { PaymentInput } from '#shared/domain/index.ts'
import type { DomainError, Invoice, LocalId, Payment } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { byInvoice, checkApplications } from './payment-checks.ts'
import { bumped, notFound, queue, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'

export type PaymentEdit = Partial<
  Pick<PaymentInput, 'amount' | 'date' | 'method' | 'reference' | 'memo' | 'applications'>
>

const tables = (db: FieldsyncDB) => [db.payments, db.invoices, db.settings, db.outbox]

export async function editPayment(
  db: FieldsyncDB,
  id: LocalId,
  patch: PaymentEdit,
): Promise<Result<Payment, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Payment, DomainError>> => {
    const before = await db.payments.get(id)
    if (!before || before.deletedAt) return err(notFound('payment'))
    if (before.voidedAt)
      return err({ kind: 'invalid_state', message: 'This payment was voided in QuickBooks; it cannot be changed.' })
    const { id: _i, version: _v, updatedAt: _u, deletedAt: _d, voidedAt: _x, ...fields } = before
    const r = validate(PaymentInput, { ...fields, ...patch })
    if (!r.ok) return r
    const returned = byInvoice(before.applications)
    const checked = await checkApplications(db, r.value, returned)
    if (!checked.ok) return checked
    const next = bumped(db, before, { ...before, ...r.value })
    if (!next) return ok(before)
    const taken = byInvoice(next.applications)
    for (const invoiceId of new Set([...returned.keys(), ...taken.keys()])) {
      const delta = (returned.get(invoiceId) ?? 0) - (taken.get(invoiceId) ?? 0)
      if (delta === 0) continue
      const inv = await db.invoices.get(invoiceId)
      if (inv) await db.invoices.update(inv.id, { balance: Math.max(0, Math.min(inv.total, inv.balance + delta)) })
    }
    await db.payments.put(next)
    await queue(db, 'payment', next, 'update')
    return ok(next)
  })
}

/** An invoice a payment may pay: what it has on it now, and the most it could have (its balance plus that). */
export interface ApplyChoice {
  invoice: Invoice
  applied: number
  room: number
}

/**
 * What the apply screen offers: the contact's finalized invoices with money owed, and those this payment
 * already pays (even when it pays them in full), oldest first.
 */
export async function applyChoices(db: FieldsyncDB, payment: Payment): Promise<ApplyChoice[]> {
  const mine = byInvoice(payment.applications)
  const rows = await db.invoices
    .where('contactId')
    .equals(payment.contactId)
    .filter((i) => !i.deletedAt && i.status === 'finalized' && (i.balance > 0 || mine.has(i.id)))
    .toArray()
  rows.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || (a.number ?? '').localeCompare(b.number ?? ''))
  return rows.map((invoice) => {
    const applied = mine.get(invoice.id) ?? 0
    return { invoice, applied, room: Math.min(invoice.total, invoice.balance + applied) }
  })
}
