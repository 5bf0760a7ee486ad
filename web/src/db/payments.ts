/**
 * Payments: recorded against a contact and applied to their finalized invoices.
 * Applying lowers each invoice's balance in the same transaction (a derived field,
 * so the invoice's version does not move); the payment itself is queued for sync.
 * Overpaying an invoice is refused with an `overpayment` error naming the invoice.
 */
import { PaymentInput } from '#shared/domain/index.ts'
import type { Invoice, LocalId, Payment, PaymentApplication } from '#shared/domain/index.ts'
import { bumped, fresh, notFound, queue, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { checkApplications } from './payment-checks.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { DomainError } from '#shared/domain/index.ts'

export type { Payment, PaymentInput }

const tables = (db: FieldsyncDB) => [db.payments, db.invoices, db.contacts, db.settings, db.outbox]

export async function recordPayment(db: FieldsyncDB, input: PaymentInput): Promise<Result<Payment, DomainError>> {
  const r = validate(PaymentInput, input)
  if (!r.ok) return r
  const payment: Payment = { ...fresh(db), ...r.value }
  return db.transaction('rw', tables(db), async (): Promise<Result<Payment, DomainError>> => {
    const contact = await db.contacts.get(payment.contactId)
    if (!contact || contact.deletedAt) return err(notFound('contact'))
    const checked = await checkApplications(db, payment)
    if (!checked.ok) return checked
    for (const [i, inv] of checked.value.entries()) {
      const applied = payment.applications[i]?.amount ?? 0
      await db.invoices.update(inv.id, { balance: inv.balance - applied })
    }
    await db.payments.add(payment)
    await queue(db, 'payment', payment, 'create')
    return ok(payment)
  })
}

/** Date, method, reference and memo. Amounts and applications change by deleting and recording again. */
export type PaymentDetails = Partial<Pick<PaymentInput, 'date' | 'method' | 'reference' | 'memo'>>

export async function updatePaymentDetails(
  db: FieldsyncDB,
  id: LocalId,
  patch: PaymentDetails,
): Promise<Result<Payment, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Payment, DomainError>> => {
    const before = await db.payments.get(id)
    if (!before || before.deletedAt) return err(notFound('payment'))
    const { id: _i, version: _v, updatedAt: _u, deletedAt: _d, ...fields } = before
    const r = validate(PaymentInput, { ...fields, ...patch })
    if (!r.ok) return r
    const next = bumped(db, before, { ...before, ...r.value })
    if (!next) return ok(before)
    await db.payments.put(next)
    await queue(db, 'payment', next, 'update')
    return ok(next)
  })
}

/**
 * Soft delete: the applied amounts go back onto the invoices' balances. A payment QuickBooks never saw (no link,
 * no send in flight) is gone with its queued rows, so nothing is sent; one it holds is deleted there on the next
 * sync. A send in flight may have reached QuickBooks, so its row stays and the deletion follows it.
 */
export async function deletePayment(db: FieldsyncDB, id: LocalId): Promise<Result<Payment, DomainError>> {
  return db.transaction('rw', [...tables(db), db.mappings], async (): Promise<Result<Payment, DomainError>> => {
    const before = await db.payments.get(id)
    if (!before) return err(notFound('payment'))
    if (before.deletedAt) return ok(before)
    for (const a of before.applications) {
      const inv = await db.invoices.get(a.invoiceId)
      if (inv) await db.invoices.update(inv.id, { balance: Math.min(inv.total, inv.balance + a.amount) })
    }
    const now = db.stamp()
    const next: Payment = { ...before, deletedAt: now, version: before.version + 1, updatedAt: now }
    await db.payments.put(next)
    if (await isInQuickBooks(db, id)) await queue(db, 'payment', next, 'delete')
    else await db.outbox.where('[kind+localId]').equals(['payment', id]).delete()
    return ok(next)
  })
}

/** Linked to a QuickBooks payment, or sent with no answer yet (it may be there). */
export async function isInQuickBooks(db: FieldsyncDB, id: LocalId): Promise<boolean> {
  const m = await db.mappings.get(['payment', id])
  if (m && m.status !== 'unlinked') return true
  const rows = await db.outbox.where('[kind+localId]').equals(['payment', id]).toArray()
  return rows.some((r) => r.batchId !== undefined || r.requestId !== undefined)
}

export async function getPayment(db: FieldsyncDB, id: LocalId): Promise<Payment | undefined> {
  const p = await db.payments.get(id)
  return p && !p.deletedAt ? p : undefined
}

/** Newest first. */
export async function listPayments(db: FieldsyncDB, q: { contactId?: LocalId } = {}): Promise<Payment[]> {
  const base = q.contactId ? db.payments.where('contactId').equals(q.contactId) : db.payments.toCollection()
  const rows = await base.filter((p) => !p.deletedAt).toArray()
  return rows.sort((a, b) => b.date.localeCompare(a.date) || b.updatedAt.localeCompare(a.updatedAt))
}

/** What a payment form offers: the contact's finalized invoices with money still owed, oldest first. */
export async function openInvoicesForContact(db: FieldsyncDB, contactId: LocalId): Promise<Invoice[]> {
  const rows = await db.invoices
    .where('contactId')
    .equals(contactId)
    .filter((i) => !i.deletedAt && i.status === 'finalized' && i.balance > 0)
    .toArray()
  return rows.sort((a, b) => a.issueDate.localeCompare(b.issueDate))
}

/** Spreads an amount over open invoices oldest first, as QuickBooks' receive-payment screen suggests. */
export function autoApply(amount: number, open: readonly Pick<Invoice, 'id' | 'balance'>[]): PaymentApplication[] {
  const out: PaymentApplication[] = []
  let left = amount
  for (const inv of open) {
    if (left <= 0) break
    const take = Math.min(left, inv.balance)
    if (take > 0) out.push({ invoiceId: inv.id, amount: take })
    left -= take
  }
  return out
}

export { applyChoices, editPayment, type ApplyChoice, type PaymentEdit } from './payment-edit.ts'

/** The payments applied to an invoice, oldest first: what must be removed or moved before it can be voided. */
export async function paymentsOnInvoice(
  db: FieldsyncDB,
  invoice: Pick<Invoice, 'id' | 'contactId'>,
): Promise<Payment[]> {
  const rows = await db.payments
    .where('contactId')
    .equals(invoice.contactId)
    .filter((p) => !p.deletedAt && p.applications.some((a) => a.invoiceId === invoice.id))
    .toArray()
  return rows.sort((a, b) => a.date.localeCompare(b.date))
}
