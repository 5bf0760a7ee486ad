/**
 * Payments from QuickBooks: a new one arrives as a payment of its customer, applied to the invoices its LinkedTxn
 * names; a linked one follows QuickBooks' edits and voids (unless an edit here is still queued); one this device
 * sent whose link was lost (its key is in the PrivateNote) is linked again, never created twice.
 * @module
 */
import type { Payment } from '#shared/domain/index.ts'
import type { QboPayment } from '#shared/qbo/index.ts'
import { hasPaymentKey, qboToPayment } from '../map/payment.ts'
import { fieldsOf } from '../settle/fields.ts'
import { linkSettlement } from '../settle/link.ts'
import { createdHere } from './customers.ts'
import { refreshed, type FoldState } from './state.ts'

const money = (cents: number) => (cents / 100).toFixed(2)
const labelOf = (p: Pick<Payment, 'amount' | 'date'>) => `Payment ${money(p.amount)} on ${p.date}`

/** QuickBooks keeps a voided payment with every amount zero and "Voided" at the start of its note. */
export function isVoidedPayment(q: QboPayment): boolean {
  return q.TotalAmt === 0 && (q.PrivateNote ?? '').startsWith('Voided')
}

export function foldPayment(state: FoldState, q: QboPayment): void {
  const m = state.linkOf('payment', q.Id)
  if (!m) return foldNewPayment(state, q)
  const local = state.record('payment', m.localId)
  if (!local || String(q.SyncToken) === String(m.syncToken) || state.pending('payment', local.id)) return
  if (isVoidedPayment(q)) {
    if (local.voidedAt !== undefined) return
    const next: Payment = { ...local, applications: [], voidedAt: state.ctx.at }
    const log = [state.row('payment', local.id, m.qboId, labelOf(local), 'Voided in QuickBooks')]
    return state.emit(refreshed(m, 'payment', next, q.SyncToken, state.ctx.at, fieldsOf(next), log))
  }
  const r = qboToPayment(q, state.localIdOf)
  if (!r.ok) return
  const next: Payment = { ...local, ...r.value.value }
  delete next.voidedAt
  const log = [state.row('payment', local.id, m.qboId, labelOf(next), 'Updated from QuickBooks')]
  state.emit(refreshed(m, 'payment', next, q.SyncToken, state.ctx.at, fieldsOf(next), log))
}

/** The local ids the note's key lines name (`Fieldsync payment <id>`). */
function keyedIds(note: string | undefined): string[] {
  return (note ?? '').split('\n').flatMap((line) => /^Fieldsync payment (\S+)$/.exec(line.trim())?.[1] ?? [])
}

function foldNewPayment(state: FoldState, q: QboPayment): void {
  // The key names the local id: one lookup, not a scan of every payment here.
  const own = keyedIds(q.PrivateNote)
    .map((id) => state.record('payment', id))
    .find(
      (p) =>
        p !== undefined &&
        p.deletedAt === undefined &&
        !state.mappingOf('payment', p.id) &&
        hasPaymentKey(q.PrivateNote, p.id),
    )
  if (own) {
    const s = linkSettlement({
      kind: 'payment',
      localId: own.id,
      label: labelOf(own),
      entity: q,
      record: own,
      realmId: state.ctx.realmId,
      at: state.ctx.at,
      via: 'payment key',
    })
    return state.emit(s)
  }
  if (isVoidedPayment(q)) return
  const r = qboToPayment(q, state.localIdOf)
  if (!r.ok) return // its customer is not here
  const record: Payment = {
    method: 'other',
    ...r.value.value,
    id: state.ctx.newId() as Payment['id'],
    version: 1,
    updatedAt: state.ctx.at,
  }
  state.emit(createdHere(state, 'payment', record, labelOf(record), q, fieldsOf(record)), true)
}
