/**
 * Claimed creates that cannot simply be replayed — their requestid Intuit may have forgotten (claimed longer ago
 * than it is trusted to remember), or their claimed batch the plan had to break (`lookupFirst`): each is looked up
 * in QuickBooks by what was sent, and linked when found instead of created a second time.
 * @module
 */
import type { SentRequest } from '../../../shared/domain/index.ts'
import { UNVERIFIED_PAYMENT_CODE, type SyncFault } from './core/fault-types.ts'
import type { SyncOp } from './core/plan-types.ts'
import { LOOKUP_PAGE, lookupOf } from './lookup.ts'
import type { QboEntity, Settlement } from './ports.ts'
import { bodyOf, fail, iso, key, rebuiltRequest, type Ctx } from './run-context.ts'
import { linkSettlement } from './core/index.ts'

/** The hold of a payment that may be in QuickBooks and cannot be looked up there. */
export const UNVERIFIED_PAYMENT: SyncFault = {
  kind: 'validation', retryable: false, action: 'none', code: UNVERIFIED_PAYMENT_CODE,
  userMessage: 'This payment may already be in QuickBooks: it was sent, no answer came back, and it cannot be looked up there. '
    + "Check the customer's payments in QuickBooks, then say here whether it is there. It is not sent again meanwhile, so it is never recorded twice.",
}

/** A lookup that could not say whether QuickBooks has the record: kept claimed, and asked again later. */
const NOT_CHECKED_CODE = 'lookup-inconclusive'
const NOT_CHECKED = 'It was sent before and no answer came back, and QuickBooks could not be checked for it yet. '
  + 'It is not sent again until it can be; this will try again by itself.'

/** An op QuickBooks could not be checked for: kept claimed (so it is looked up again, never resent blind), with words. */
const notChecked = (ctx: Ctx) => ({ op, fault }: { op: SyncOp; fault: SyncFault | undefined }): Settlement =>
  fail(ctx, op, { kind: 'transient', retryable: true, action: 'retry', code: NOT_CHECKED_CODE, userMessage: NOT_CHECKED, retryAfterMs: fault?.retryAfterMs }, op.outboxSeqs, false)

interface Found {
  /** Ops QuickBooks surely lacks (or, not creates, that may simply go again). */
  remaining: SyncOp[]
  /** Ops whose lookup failed or proved nothing (a full page without a hit). */
  undetermined: { op: SyncOp; fault: SyncFault | undefined }[]
}

/**
 * Links the ops QuickBooks already has and returns the ones it surely lacks. A lookup that fails, or a full page
 * without a hit, leaves its op claimed and unsent this run: "not found" must be an answer, never a guess, or a
 * failed query would create a duplicate. A payment with nothing to look it up by is held for the user.
 */
async function findCreates(ctx: Ctx, ops: SyncOp[]): Promise<Found> {
  const remaining: SyncOp[] = []
  const undetermined: Found['undetermined'] = []
  const settled: Settlement[] = []
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
    if (!res.ok || (!hit && rows.length >= LOOKUP_PAGE)) { undetermined.push({ op: o, fault: res.ok ? undefined : res.error }); ctx.outcome.set(o.id, 'failed'); continue }
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
  return { remaining, undetermined }
}

/** A claimed batch resent after Intuit may have forgotten its requestid: what QuickBooks lacks goes again whole. */
export async function linkFoundCreates(ctx: Ctx, ops: SyncOp[]): Promise<SyncOp[]> {
  const { remaining, undetermined } = await findCreates(ctx, ops)
  // Ops whose lookup failed stay in their claimed batch; sending the rest under a new id would split it. The ones
  // that could not be checked say so, with a retry time, instead of sitting claimed without a word.
  if (undetermined.length > 0) {
    for (const o of remaining) ctx.outcome.set(o.id, 'failed')
    await ctx.store.settle(undetermined.map(notChecked(ctx)))
    return []
  }
  return remaining
}

/**
 * Ops of a claimed batch the plan had to break (`lookupFirst`: its members depend on each other, so it cannot be
 * resent as it was). Each create is looked up as above; what QuickBooks surely lacks, and every update or void
 * (a repeat of those is refused as stale, never applied twice), loses its old claim and goes as a new request.
 * One that could not be checked stays claimed with a retry time and words that say so. Ops without the flag
 * pass through as they are.
 */
export async function releaseBroken(ctx: Ctx, ops: SyncOp[]): Promise<SyncOp[]> {
  const flagged = ops.filter((o) => o.lookupFirst)
  if (flagged.length === 0) return ops
  const { remaining, undetermined } = await findCreates(ctx, flagged)
  const at = iso(ctx.clock.now())
  const settlements: Settlement[] = undetermined.map(notChecked(ctx))
  const resend = remaining.flatMap((o) => o.outboxSeqs)
  if (resend.length > 0) settlements.push(release(resend, at))
  if (settlements.length > 0) await ctx.store.settle(settlements)
  const kept = new Set(remaining)
  return ops.filter((o) => !o.lookupFirst || kept.has(o))
}

/**
 * Whether a claimed group must be looked up rather than replayed, however recent its claim: a row kept claimed by a
 * lookup (a held payment, a record QuickBooks could not be checked for) may be what is left of a broken batch, and
 * its requestid under another composition would replay that batch's answer, not send this record.
 */
export function keptForLookup(ctx: Ctx, ops: readonly SyncOp[]): boolean {
  return ops.some((o) => o.outboxSeqs.some((seq) => {
    const code = ctx.rows.get(seq)?.lastError?.code
    return code === UNVERIFIED_PAYMENT.code || code === NOT_CHECKED_CODE
  }))
}

/** Unclaims rows so their next send is a new request (a replay of the old one cannot be had). */
export function release(seqs: number[], at: string): Settlement {
  return { doneSeqs: [], failed: { seqs, error: { code: 'resend', message: 'Sent again as a new request', at }, attempts: 0, release: true }, log: [] }
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
