/**
 * An invoice's balance here is QuickBooks' balance less this device's payments on it that QuickBooks has not
 * seen yet: a pull never gives back money that is still on its way.
 * @module
 */
import type { PullBase } from './state.ts'

/** Cents applied to each invoice by payments still queued here and not linked to QuickBooks. */
export function unsentByInvoice(base: PullBase): Map<string, number> {
  const queued = new Set(base.outbox.filter((o) => o.kind === 'payment').map((o) => o.localId as string))
  const linked = new Set(
    base.mappings.filter((m) => m.kind === 'payment' && m.status !== 'unlinked').map((m) => m.localId as string),
  )
  const out = new Map<string, number>()
  for (const p of base.records.payments ?? []) {
    if (p.deletedAt !== undefined || p.voidedAt !== undefined || !queued.has(p.id) || linked.has(p.id)) continue
    for (const a of p.applications) out.set(a.invoiceId, (out.get(a.invoiceId) ?? 0) + a.amount)
  }
  return out
}

/** QuickBooks' balance less what is on its way, never below zero. */
export function balanceHere(qboBalance: number, unsent: ReadonlyMap<string, number>, invoiceId: string): number {
  return Math.max(0, qboBalance - (unsent.get(invoiceId) ?? 0))
}
