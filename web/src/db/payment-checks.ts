/**
 * The rule every payment write keeps: each application is a distinct finalized invoice of the payment's contact,
 * with enough balance left. `returned` is money this payment already had on an invoice before the edit: it is
 * back on the invoice's balance while the new applications are checked.
 */
import type { DomainError, Invoice, LocalId, Payment, PaymentApplication } from '#shared/domain/index.ts'
import { formatMoney } from '#shared/money.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { notFound } from './records.ts'
import type { FieldsyncDB } from './schema.ts'
import { getSettings } from './settings.ts'

export async function checkApplications(
  db: FieldsyncDB,
  p: Pick<Payment, 'contactId' | 'applications'>,
  returned: ReadonlyMap<string, number> = new Map(),
): Promise<Result<Invoice[], DomainError>> {
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
    const room = Math.min(inv.total, inv.balance + (returned.get(inv.id) ?? 0))
    if (a.amount > room) {
      const left = money(room)
      const message = `Invoice ${inv.number} has only ${left} left to pay; ${money(a.amount)} would overpay it.`
      return err({ kind: 'overpayment', message, fields: { [field]: message } })
    }
    invoices.push(inv)
  }
  return ok(invoices)
}

/** Cents per invoice of a list of applications. */
export function byInvoice(applications: readonly PaymentApplication[]): Map<LocalId, number> {
  const out = new Map<LocalId, number>()
  for (const a of applications) out.set(a.invoiceId, (out.get(a.invoiceId) ?? 0) + a.amount)
  return out
}
