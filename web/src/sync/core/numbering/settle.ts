/**
 * The rows an invoice number change commits: the invoice with its new number (an unsent one renumbered, or one
 * QuickBooks numbered itself), and a log row that says so.
 * @module
 */
import type { LogEntry, Settlement } from '../settle/types.ts'

type InvoiceLike = Record<string, unknown> & { id: string; number?: string | undefined }

/** An unsent invoice whose number QuickBooks has: it takes `to` before it is sent. */
export function renumberSettlement(invoice: InvoiceLike, to: string, at: string): Settlement {
  const from = invoice.number
  const log: LogEntry = {
    at,
    kind: 'invoice',
    localId: invoice.id as LogEntry['localId'],
    label: `Invoice ${to}`,
    direction: 'none',
    status: 'info',
    details: `Renumbered ${from ?? '(none)'} → ${to}: QuickBooks already has an invoice ${from ?? ''}`.trimEnd() + '.',
  }
  return { doneSeqs: [], records: [{ kind: 'invoice', record: { ...invoice, number: to } }], log: [log] }
}

/** QuickBooks numbered the invoice itself (custom numbers off): the number it gave is the one shown here. */
export function numberFromQuickBooks(invoice: InvoiceLike, docNumber: unknown): Settlement['records'] {
  if (typeof docNumber !== 'string' || docNumber === '' || docNumber === invoice.number) return undefined
  return [{ kind: 'invoice', record: { ...invoice, number: docNumber } }]
}

/**
 * A settlement of a new invoice QuickBooks holds (its create's answer, or the invoice found again after a lost
 * answer), with QuickBooks' number: the record shows it, and the mapping's snapshot holds it, so the next update
 * does not send it back as a change.
 */
export function withQuickBooksNumber(s: Settlement, invoice: InvoiceLike, docNumber: unknown): Settlement {
  const numbered = numberFromQuickBooks(invoice, docNumber)
  if (!numbered) return s
  const mapping = s.mapping && { ...s.mapping, snapshot: { ...s.mapping.snapshot, number: docNumber } }
  return { ...s, records: [...(s.records ?? []), ...numbered], ...(mapping ? { mapping } : {}) }
}
