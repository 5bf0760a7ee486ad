/**
 * Invoices from QuickBooks: a new one arrives as an invoice of its customer with its lines; a linked one takes
 * QuickBooks' version when nothing is queued here (only its balance and void state otherwise, so the queued edit
 * still goes); a deleted one is deleted here and its link retired; one this device sent whose answer or link was lost
 * (its key is in the PrivateNote) is linked again with QuickBooks' number, never added twice. Balances keep this
 * device's unsent payments.
 * @module
 */
import type { Invoice } from '#shared/domain/index.ts'
import type { QboInvoice } from '#shared/qbo/index.ts'
import { readInvoice } from '../map/invoice.ts'
import { hasInvoiceKey, keyedInvoiceIds } from '../map/invoice-key.ts'
import { withQuickBooksNumber } from '../numbering/settle.ts'
import { fieldsOf } from '../settle/fields.ts'
import { linkSettlement } from '../settle/link.ts'
import { balanceHere } from './balance.ts'
import { createdHere } from './customers.ts'
import { invoiceFromQbo } from './invoice-record.ts'
import { refreshed, type FoldState } from './state.ts'

const labelOf = (i: Pick<Invoice, 'number'>) => `Invoice ${i.number ?? ''}`.trim()

export function foldInvoice(state: FoldState, q: QboInvoice, unsent: ReadonlyMap<string, number>): void {
  state.out.docNumbers.push(q.DocNumber)
  const m = state.linkOf('invoice', q.Id)
  const back = readInvoice(q)
  if (!m) {
    if (linkOwn(state, q)) return
    if (back.voided) return
    const fields = invoiceFromQbo(state, q)
    if (!fields) return // its customer is not here: the pull fetched what it could
    const record: Invoice = { ...fields, id: state.ctx.newId() as Invoice['id'], version: 1, updatedAt: state.ctx.at }
    return state.emit(createdHere(state, 'invoice', record, labelOf(record), q, fieldsOf(record)), true)
  }
  const local = state.record('invoice', m.localId)
  if (!local) return
  const balance = balanceHere(back.voided ? 0 : back.balanceCents, unsent, local.id)
  const same = String(q.SyncToken) === String(m.syncToken)
  const fields = same || state.pending('invoice', local.id) ? undefined : invoiceFromQbo(state, q)
  if (fields) {
    const next: Invoice = { ...local, ...fields, balance }
    if (!back.voided) delete next.voidedAt
    if (local.voidedAt && back.voided) next.voidedAt = local.voidedAt
    const what = back.voided && local.status !== 'void' ? 'Voided in QuickBooks' : 'Updated from QuickBooks'
    const log = [state.row('invoice', local.id, m.qboId, labelOf(next), what)]
    return state.emit(refreshed(m, 'invoice', next, q.SyncToken, state.ctx.at, fieldsOf(next), log))
  }
  const voidNow = back.voided && local.status !== 'void'
  if (!voidNow && balance === local.balance && same) return
  const next: Invoice = { ...local, balance, ...(voidNow ? { status: 'void' as const, voidedAt: state.ctx.at } : {}) }
  const what = voidNow ? 'Voided in QuickBooks' : `Balance from QuickBooks: ${(balance / 100).toFixed(2)}`
  const log = [state.row('invoice', local.id, m.qboId, labelOf(next), what)]
  state.emit(refreshed(m, 'invoice', next, q.SyncToken, state.ctx.at, undefined, log))
}

/**
 * An invoice this device created whose answer was lost (the pull can see it before the lookup does) or whose link
 * was cleared: the key names the local invoice, which is linked and takes QuickBooks' number (it sent none when
 * QuickBooks numbers the company's invoices).
 */
function linkOwn(state: FoldState, q: QboInvoice): boolean {
  const own = keyedInvoiceIds(q.PrivateNote)
    .map((id) => state.record('invoice', id))
    .find(
      (i) =>
        i !== undefined &&
        i.deletedAt === undefined &&
        !state.mappingOf('invoice', i.id) &&
        hasInvoiceKey(q.PrivateNote, i.id),
    )
  if (!own) return false
  const link = linkSettlement({
    kind: 'invoice',
    localId: own.id,
    label: labelOf({ number: typeof q.DocNumber === 'string' ? q.DocNumber : own.number }),
    entity: q,
    record: own,
    realmId: state.ctx.realmId,
    at: state.ctx.at,
    via: 'invoice key',
  })
  state.emit(withQuickBooksNumber(link, own, q.DocNumber))
  return true
}
