/**
 * Records QuickBooks no longer has. A deleted invoice or payment (CDC's `status: "Deleted"` stub) is deleted
 * here and its link retired. A customer merged away in QuickBooks (gone or made inactive while its transactions
 * now name another customer) is followed: its invoices, payments and jobs here move to the survivor's contact,
 * the merged-away contact is retired with its link, and one log row says so. A survivor not yet here takes over
 * the merged-away contact instead.
 * @module
 */
import type { Contact, Mapping, SyncKind } from '#shared/domain/index.ts'
import type { QboInvoice, QboPayment } from '#shared/qbo/index.ts'
import type { QboEntity, Settlement } from '../settle/types.ts'
import type { FoldState } from './state.ts'

const retired = (m: Mapping, at: string): Mapping => ({ ...m, status: 'unlinked', updatedAt: at })

/** A transaction deleted in QuickBooks: deleted here, its link retired, any queued change for it dropped. */
export function foldDeleted(state: FoldState, kind: 'invoice' | 'payment', qboId: string, seqs: number[]): void {
  const m = state.linkOf(kind, qboId)
  const local = m && state.record(kind, m.localId)
  if (!m || !local || local.deletedAt !== undefined) return
  // An edit of it still on its way is not dropped: its push meets QuickBooks' refusal, which offers the way out
  // ("Unlink and create again"), so nothing made here is lost without the user's say.
  if (state.pending(kind, local.id)) return
  const at = state.ctx.at
  const label = kind === 'invoice' ? `Invoice ${(local as { number?: string }).number ?? ''}`.trim() : 'Payment'
  state.emit({
    mapping: retired(m, at),
    doneSeqs: seqs,
    records: [{ kind, record: { ...local, deletedAt: at } as unknown as Record<string, unknown> }],
    log: [state.row(kind, local.id, qboId, label, 'Deleted in QuickBooks; deleted here too')],
  })
}

/** Customers that left in this pull (a Deleted stub, or now inactive), by QuickBooks Id. */
export function departed(customers: readonly QboEntity[]): Set<string> {
  return new Set(customers.filter((c) => c['status'] === 'Deleted' || c['Active'] === false).map((c) => String(c.Id)))
}

/**
 * The survivor of each departed customer: the customer its transactions in this pull now name. A customer whose
 * transactions did not move (or who had none) only went inactive.
 */
export function survivors(
  state: FoldState,
  gone: ReadonlySet<string>,
  txns: readonly (QboInvoice | QboPayment)[],
  kindOf: (t: QboInvoice | QboPayment) => 'invoice' | 'payment',
): Map<string, string> {
  const out = new Map<string, string>()
  for (const t of txns) {
    const m = state.linkOf(kindOf(t), t.Id)
    const local = m && state.record(kindOf(t), m.localId)
    if (!local) continue
    const was = state.mappingOf('contact', local.contactId)?.qboId as string | undefined
    const now = t.CustomerRef.value
    if (was !== undefined && was !== now && gone.has(was) && !gone.has(now)) out.set(was, now)
  }
  return out
}

/** Follows one merge: `fromQbo`'s contact here into `toQbo`'s. */
export function followMerge(state: FoldState, fromQbo: string, toQbo: string, survivorName: string): void {
  const m = state.linkOf('contact', fromQbo)
  const away = m && state.record('contact', m.localId)
  if (!m || !away) return
  const at = state.ctx.at
  const into = state.localIdOf('contact', toQbo)
  if (into === undefined) {
    // The survivor is not here yet: the merged-away contact becomes its twin.
    const next: Contact = { ...away, displayName: survivorName || away.displayName, active: true }
    const details = `Merged in QuickBooks into ${survivorName}; this contact now stands for it`
    return state.emit({
      mapping: { ...m, qboId: toQbo as Mapping['qboId'], syncToken: '0' as Mapping['syncToken'], updatedAt: at },
      doneSeqs: [],
      records: [{ kind: 'contact', record: next as unknown as Record<string, unknown> }],
      log: [state.row('contact', away.id, toQbo, next.displayName, details)],
    })
  }
  const records: NonNullable<Settlement['records']> = []
  const moved = { invoice: 0, payment: 0, job: 0 }
  for (const kind of ['invoice', 'payment', 'job'] as const satisfies readonly SyncKind[]) {
    for (const r of state.all(kind)) {
      if (r.contactId !== away.id) continue
      moved[kind]++
      records.push({ kind, record: { ...r, contactId: into } as unknown as Record<string, unknown> })
    }
  }
  records.push({
    kind: 'contact',
    record: { ...away, active: false, deletedAt: at } as unknown as Record<string, unknown>,
  })
  const details =
    `Merged in QuickBooks into ${survivorName}: ${moved.invoice} invoice(s), ${moved.payment} payment(s) ` +
    `and ${moved.job} job(s) moved to it here; this contact's link is retired`
  state.emit({
    mapping: retired(m, at),
    doneSeqs: [],
    records,
    log: [state.row('contact', away.id, fromQbo, away.displayName, details)],
  })
}

/**
 * An item gone from QuickBooks (a Deleted stub: merged into another, whose invoices' lines now name the survivor
 * and arrive in the same pull): made inactive here, its link retired.
 */
export function foldGoneItem(state: FoldState, qboId: string): void {
  const m = state.linkOf('item', qboId)
  const local = m && state.record('item', m.localId)
  if (!m || !local) return
  const at = state.ctx.at
  state.emit({
    mapping: retired(m, at),
    doneSeqs: [],
    records: [{ kind: 'item', record: { ...local, active: false } as unknown as Record<string, unknown> }],
    log: [
      state.row(
        'item',
        local.id,
        qboId,
        local.name,
        'Merged into another item or deleted in QuickBooks; made inactive here',
      ),
    ],
  })
}
