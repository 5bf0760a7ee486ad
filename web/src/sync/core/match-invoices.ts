/**
 * Invoices ↔ QuickBooks invoices by DocNumber (docs/product.md §Syncs), so a reconnect or a second device never sends
 * an invoice QuickBooks already has. A number alone is not enough: the customer must be the one the contact is
 * linked to, otherwise the pair is asked about. QuickBooks invoices nothing here matches are left alone
 * (invoices go from Fieldsync to QuickBooks only).
 * @module
 */
import { z } from 'zod'
import { runStages, type Stage } from './match.ts'
import type { MappedPair, MatchResult } from './match-types.ts'

export const LocalInvoiceCandidate = z.object({
  id: z.string(),
  docNumber: z.string().optional(),
  /** QuickBooks Id of the invoice's customer, when its contact is linked (mapping or match). */
  customerQboId: z.string().optional(),
})
export type LocalInvoiceCandidate = z.infer<typeof LocalInvoiceCandidate>

export const RemoteInvoiceCandidate = z.object({
  id: z.string(),
  docNumber: z.string().optional(),
  customerQboId: z.string(),
})
export type RemoteInvoiceCandidate = z.infer<typeof RemoteInvoiceCandidate>

/** DocNumbers compare trimmed and case-blind ("inv-1001" = "INV-1001 "). */
export function docNumberKey(n: string | undefined): string | undefined {
  const k = n?.trim().toLowerCase()
  return k === undefined || k === '' ? undefined : k
}

export function matchInvoices(
  local: readonly LocalInvoiceCandidate[],
  remote: readonly RemoteInvoiceCandidate[],
  mappings: readonly MappedPair[],
): MatchResult {
  const localCustomer = new Map(local.map((l) => [l.id, l.customerQboId]))
  const remoteCustomer = new Map(remote.map((r) => [r.id, r.customerQboId]))
  const stages: Stage[] = [
    {
      key: (c) => docNumberKey(c.name),
      via: 'docNumber',
      manyReason: 'docNumber',
      veto: (l, r) => {
        const mine = localCustomer.get(l.id)
        return mine === undefined || mine !== remoteCustomer.get(r.id) ? 'customer-differs' : undefined
      },
    },
  ]
  return runStages(
    local.map((l) => ({ id: l.id, name: l.docNumber })),
    remote.map((r) => ({ id: r.id, name: r.docNumber, active: true })),
    mappings,
    stages,
  )
}
