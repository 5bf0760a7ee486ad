/**
 * Claimed creates whose requestid Intuit may have forgotten (claimed longer ago than it is trusted to remember):
 * each is looked up in QuickBooks by what was sent, and linked when found instead of created a second time.
 * @module
 */
import type { SentRequest } from '../../../shared/domain/index.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { LOOKUP_PAGE, lookupOf } from './lookup.ts'
import type { QboEntity, Settlement } from './ports.ts'
import { bodyOf, fail, iso, key, rebuiltRequest, type Ctx } from './run-context.ts'
import { linkSettlement } from './settlements.ts'

/** The hold of a payment that may be in QuickBooks and cannot be looked up there. */
export const UNVERIFIED_PAYMENT: SyncFault = {
  kind: 'validation', retryable: false, action: 'none', code: 'unverified-payment',
  userMessage: 'This payment may already be in QuickBooks: it was sent, no answer came back, and it cannot be looked up there. '
    + "Check the customer's payments in QuickBooks. It is not sent again meanwhile, so it is never recorded twice.",
}

/**
 * Links the ops QuickBooks already has and returns the ones it surely lacks. A lookup that fails, or a full page
 * without a hit, leaves its op claimed and unsent this run: "not found" must be an answer, never a guess, or a
 * failed query would create a duplicate. A payment with nothing to look it up by is held for the user.
 */
export async function linkFoundCreates(ctx: Ctx, ops: SyncOp[]): Promise<SyncOp[]> {
  const remaining: SyncOp[] = []
  const settled: Settlement[] = []
  let undetermined = 0
  for (const o of ops) {
    const rec = o.action === 'create' && o.localId ? ctx.records.get(key(o.kind, o.localId)) : undefined
    if (!rec) { remaining.push(o); continue }
    const sent = ctx.rows.get(o.outboxSeqs[0] ?? -1)?.sent ?? rebuilt(ctx, o)
    const look = sent && lookupOf(o.kind, rec.id, sent.body)
    if (!look) {
      if (o.kind === 'payment') settled.push(hold(ctx, o))
      else remaining.push(o)
      continue
    }
    const res = await ctx.gateway.query(look.statement)
    const rows = res.ok ? (res.value[look.entity] as QboEntity[] | undefined) ?? [] : []
    const hit = rows.find((e) => look.isOurs(e))
    if (!res.ok || (!hit && rows.length >= LOOKUP_PAGE)) { undetermined++; ctx.outcome.set(o.id, 'failed'); continue }
    if (!hit) { remaining.push(o); continue }
    // QuickBooks holds what was sent, not edits made since: those stay queued and go next as an update.
    const s = linkSettlement({ kind: o.kind, localId: rec.id, label: o.label, entity: hit, record: rec, realmId: ctx.realmId, at: iso(ctx.clock.now()), via: look.via, sent })
    settled.push({ ...s, doneSeqs: o.outboxSeqs, log: s.log.map((l) => ({ ...l, details: `${l.details}: it was already in QuickBooks` })) })
    ctx.outcome.set(o.id, 'ok')
    ctx.summary.synced++
  }
  if (settled.length > 0) {
    await ctx.store.settle(settled)
    for (const s of settled) if (s.mapping) ctx.mappings.set(key(s.mapping.kind, s.mapping.localId), s.mapping)
  }
  // Ops whose lookup failed stay in their claimed batch; sending the rest under a new id would split it.
  if (undetermined > 0) {
    for (const o of remaining) ctx.outcome.set(o.id, 'failed')
    return []
  }
  return remaining
}

/**
 * A row claimed before claims stored their request: what went out is rebuilt from the record. Not for a
 * payment: its create carried no key then, so a key rebuilt now would find nothing and lead to a second one.
 */
function rebuilt(ctx: Ctx, o: SyncOp): SentRequest | undefined {
  if (o.kind === 'payment') return undefined
  const b = bodyOf(ctx, o)
  return b.ok && b.value !== undefined ? rebuiltRequest(ctx, o, b.value) : undefined
}

/** Kept claimed, never released: releasing would send it again as a new payment. Logged once, not every run. */
function hold(ctx: Ctx, o: SyncOp): Settlement {
  const s = fail(ctx, o, UNVERIFIED_PAYMENT, o.outboxSeqs, false)
  const logged = o.outboxSeqs.some((seq) => ctx.rows.get(seq)?.lastError?.code === UNVERIFIED_PAYMENT.code)
  return logged ? { ...s, log: [] } : s
}
