/**
 * QuickBooks' open balance of the invoices a run applies payments to, and the rule that holds a payment to it.
 * QuickBooks computes an invoice's total itself, so it can be lower than ours (tax, rounding); a payment applying
 * more than that balance would be refused on `Line.Amount`, so the runner checks first and shows a row naming
 * both amounts instead.
 * @module
 */
import type { Payment } from '#shared/domain/index.ts'
import type { SyncFault } from './fault-types.ts'
import { toCents } from '#shared/money.ts'
import type { SyncOp } from './plan-types.ts'
import type { QboEntity } from './settle/types.ts'

export interface InvoiceBalance {
  balance: number
  total: number
}

/** By invoice QuickBooks Id, in cents. */
export type Balances = Map<string, InvoiceBalance>

export type Application = Payment['applications'][number]

/** What a written or read QuickBooks invoice says about its balance. */
export function balanceOf(invoice: QboEntity): InvoiceBalance | undefined {
  const total = invoice['TotalAmt']
  if (typeof total !== 'number') return undefined
  const balance = typeof invoice['Balance'] === 'number' ? invoice['Balance'] : total
  return { balance: toCents(balance), total: toCents(total) }
}

const money = (cents: number) => (cents / 100).toFixed(2)

/** What a payment applies to one invoice, counted already in QuickBooks' balance (its last synced version). */
const appliedBefore = (previous: readonly Application[], invoiceId: string) =>
  previous.filter((p) => p.invoiceId === invoiceId).reduce((s, p) => s + p.amount, 0)

export interface PaymentCheck {
  applications: readonly Application[]
  /** What this payment applied when last synced: QuickBooks' balance already counts it. */
  previous: readonly Application[]
  qboIdOf: (invoiceId: string) => string | undefined
  labelOf: (invoiceId: string) => string
}

/** The fault for a payment applying more to an invoice than QuickBooks' balance allows, or undefined. */
export function overApplied(op: Pick<SyncOp, 'action'>, p: PaymentCheck, balances: Balances): SyncFault | undefined {
  if (op.action !== 'create' && op.action !== 'update') return undefined
  for (const a of p.applications) {
    const qboId = p.qboIdOf(a.invoiceId)
    const known = qboId === undefined ? undefined : balances.get(qboId)
    if (!known) continue
    const room = known.balance + appliedBefore(p.previous, a.invoiceId)
    if (a.amount <= room) continue
    return {
      kind: 'validation',
      retryable: false,
      action: 'fix-field',
      field: 'Line.Amount',
      code: 'over-balance',
      userMessage:
        `${p.labelOf(a.invoiceId)} has ${money(room)} left to pay in QuickBooks (its total there is ` +
        `${money(known.total)}), but this payment applies ${money(a.amount)} to it. Check the invoice's total, ` +
        'then change the amount applied.',
    }
  }
  return undefined
}

/** The balances once a sent payment's applications are taken off, so a second payment in a run is checked too. */
export function reserve(p: Omit<PaymentCheck, 'labelOf'>, balances: Balances): Balances {
  const next = new Map(balances)
  for (const a of p.applications) {
    const qboId = p.qboIdOf(a.invoiceId)
    const known = qboId === undefined ? undefined : next.get(qboId)
    if (!known) continue
    const balance = Math.max(0, known.balance + appliedBefore(p.previous, a.invoiceId) - a.amount)
    next.set(qboId!, { ...known, balance })
  }
  return next
}
