/**
 * An invoice's balance here is QuickBooks' balance less what this device's payments will still change on it:
 * a pull never gives back money that is on its way, nor keeps money a queued edit or delete takes back.
 * @module
 */
import type { Payment } from '#shared/domain/index.ts'
import type { PullBase } from './state.ts'

type Applied = ReadonlyMap<string, number>

/** Cents per invoice a payment applies as it stands here: none once deleted or voided. */
function appliedNow(p: Payment): Applied {
  const out = new Map<string, number>()
  if (p.deletedAt !== undefined || p.voidedAt !== undefined) return out
  for (const a of p.applications) out.set(a.invoiceId, (out.get(a.invoiceId) ?? 0) + a.amount)
  return out
}

/** Cents per invoice the snapshot last sent to QuickBooks applied: what QuickBooks' balance already counts. */
function appliedInQuickBooks(snapshot: Record<string, unknown>): Applied {
  const out = new Map<string, number>()
  const apps = snapshot['applications']
  if (!Array.isArray(apps)) return out
  for (const a of apps as unknown[]) {
    if (typeof a !== 'object' || a === null) continue
    const { invoiceId, amount } = a as { invoiceId?: unknown; amount?: unknown }
    if (typeof invoiceId === 'string' && typeof amount === 'number')
      out.set(invoiceId, (out.get(invoiceId) ?? 0) + amount)
  }
  return out
}

/**
 * Cents each invoice's balance here differs from QuickBooks' because of payments still queued: a payment never
 * sent counts whole; a sent one that was edited or deleted here counts by how far it moved from what was sent
 * (negative when it now applies less, so the balance goes back up).
 */
export function unsentByInvoice(base: PullBase): Map<string, number> {
  const queued = new Set(base.outbox.filter((o) => o.kind === 'payment').map((o) => o.localId as string))
  const sent = new Map(
    base.mappings.filter((m) => m.kind === 'payment' && m.status !== 'unlinked').map((m) => [m.localId as string, m]),
  )
  const out = new Map<string, number>()
  const add = (invoiceId: string, cents: number) => out.set(invoiceId, (out.get(invoiceId) ?? 0) + cents)
  for (const p of base.records.payments ?? []) {
    if (!queued.has(p.id)) continue
    const now = appliedNow(p)
    const there = sent.has(p.id) ? appliedInQuickBooks(sent.get(p.id)!.snapshot) : new Map<string, number>()
    for (const [invoiceId, cents] of now) add(invoiceId, cents)
    for (const [invoiceId, cents] of there) add(invoiceId, -cents)
  }
  for (const [invoiceId, cents] of out) if (cents === 0) out.delete(invoiceId)
  return out
}

/** QuickBooks' balance less what is on its way, never below zero. */
export function balanceHere(qboBalance: number, unsent: ReadonlyMap<string, number>, invoiceId: string): number {
  return Math.max(0, qboBalance - (unsent.get(invoiceId) ?? 0))
}
