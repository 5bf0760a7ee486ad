/**
 * Payments: recorded against a contact and applied to their finalized invoices.
 * Applying lowers each invoice's balance in the same transaction (a derived field,
 * so the invoice's version does not move); the payment itself is queued for sync.
 * Overpaying an invoice is refused with an `overpayment` error naming the invoice.
 */
import { PaymentInput } from '#shared/domain/index.ts'
import type { Invoice, LocalId, Payment, PaymentApplication } from '#shared/domain/index.ts'
import { formatMoney } from '#shared/money.ts'
import { bumped, fresh, notFound, queue, validate } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { getSettings } from './settings.ts'
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

/** Each application must be a distinct finalized invoice of the same contact with enough balance left. */
async function checkApplications(db: FieldsyncDB, p: Payment): Promise<Result<Invoice[], DomainError>> {
  const s = await getSettings(db)
  const money = (c: number) => formatMoney(c, { currency: s.currency, locale: s.locale })
  const invoices: Invoice[] = []
  const seen = new Set<string>()
  for (const [i, a] of p.applications.entries()) {
    const field = `applications.${i}.amount`
    const inv = await db.invoices.get(a.invoiceId)
    if (!inv || inv.deletedAt || inv.contactId !== p.contactId) return err(notFound('invoice'))
    if (seen.has(inv.id))
      return err({
        kind: 'validation',
        message: 'Apply each invoice once',
        fields: { [field]: 'Apply each invoice once' },
      })
    seen.add(inv.id)
    if (inv.status !== 'finalized') {
      return err({
        kind: 'invalid_state',
        message: `Invoice ${inv.number ?? '(draft)'} is ${inv.status}; payments apply to finalized invoices only.`,
      })
    }
    if (a.amount > inv.balance) {
      const left = money(inv.balance)
      const message = `Invoice ${inv.number} has only ${left} left to pay; ${money(a.amount)} would overpay it.`
      return err({ kind: 'overpayment', message, fields: { [field]: message } })
    }
    invoices.push(inv)
  }
  return ok(invoices)
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

/** Soft delete: the applied amounts go back onto the invoices' balances. */
export async function deletePayment(db: FieldsyncDB, id: LocalId): Promise<Result<Payment, DomainError>> {
  return db.transaction('rw', tables(db), async (): Promise<Result<Payment, DomainError>> => {
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
    await queue(db, 'payment', next, 'delete')
    return ok(next)
  })
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
