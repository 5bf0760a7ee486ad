/**
 * Claimed creates that cannot simply be replayed — their requestid Intuit may have forgotten (claimed longer ago
 * than it is trusted to remember), or their claimed batch the plan had to break (`lookupFirst`): each is looked up
 * in QuickBooks by what was sent, and linked when found instead of created a second time.
 * @module
 */
import type { SentRequest } from '#shared/domain/index.ts'
import {
  foundSettlement,
  linkSettlement,
  LOOKUP_PAGE,
  lookupOf,
  notChecked,
  rebuiltRequest,
  release,
  UNVERIFIED_PAYMENT,
  withQuickBooksNumber,
} from '../core/index.ts'
import type { SyncFault, SyncOp } from '../core/index.ts'
import type { QboEntity } from '../ports.ts'
import { bodyFor, failed, marked, nowIso } from './commit.ts'
import { recordOf, type RunView, type Settled } from './state.ts'

/** What a step leaves to send, and what it settled on the way. */
export interface Kept {
  ops: SyncOp[]
  settled: Settled[]
}

interface Found {
  /** Ops QuickBooks surely lacks (or, not creates, that may simply go again). */
  remaining: SyncOp[]
  /** Ops whose lookup failed or proved nothing (a full page without a hit). */
  undetermined: { op: SyncOp; fault: SyncFault | undefined }[]
  settled: Settled[]
}

/** An op QuickBooks could not be checked for: kept claimed (looked up again, never resent blind), with words. */
const unchecked =
  (run: RunView) =>
  ({ op, fault }: Found['undetermined'][number]): Settled =>
    failed(run, op, notChecked(fault), op.outboxSeqs, false)

/**
 * Links the ops QuickBooks already has and returns the ones it surely lacks. A lookup that fails, or a full page
 * without a hit, leaves its op claimed and unsent this run: "not found" must be an answer, never a guess, or a
 * failed query would create a duplicate. A payment with nothing to look it up by is held for the user.
 */
async function findCreates(run: RunView, ops: SyncOp[]): Promise<Found> {
  const found: Found = { remaining: [], undetermined: [], settled: [] }
  for (const o of ops) {
    const rec = o.action === 'create' && o.localId ? recordOf(run, o) : undefined
    if (!rec) {
      found.remaining.push(o)
      continue
    }
    const sent = run.state.rows.get(o.outboxSeqs[0] ?? -1)?.sent ?? rebuilt(run, o)
    const look = sent && lookupOf(o.kind, rec.id, sent.body)
    if (!look) {
      if (o.kind === 'payment') found.settled.push(hold(run, o))
      else found.remaining.push(o)
      continue
    }
    const res = await run.gateway.query(look.statement)
    const rows = res.ok ? ((res.value[look.entity] as QboEntity[] | undefined) ?? []) : []
    const hit = rows.find((e) => look.isOurs(e))
    if (!res.ok || (!hit && rows.length >= LOOKUP_PAGE)) {
      found.undetermined.push({ op: o, fault: res.ok ? undefined : res.error })
      found.settled.push(marked(o, 'failed'))
      continue
    }
    if (!hit) {
      found.remaining.push(o)
      continue
    }
    // QuickBooks holds what was sent, not edits made since: those stay queued and go next as an update.
    const link = linkSettlement({
      kind: o.kind,
      localId: rec.id,
      label: o.label,
      entity: hit,
      record: rec,
      realmId: run.realmId,
      at: nowIso(run),
      via: look.via,
      sent,
    })
    const settlement = foundSettlement(link, o.outboxSeqs)
    // A new invoice found again shows the number QuickBooks holds, as its create's answer would have.
    const numbered =
      o.kind === 'invoice' ? withQuickBooksNumber(settlement, rec as never, hit['DocNumber']) : settlement
    found.settled.push({ settlement: numbered, opId: o.id, outcome: 'ok', tally: 'synced' })
  }
  return found
}

/** A claimed batch resent after Intuit may have forgotten its requestid: what QuickBooks lacks goes again whole. */
export async function linkFoundCreates(run: RunView, ops: SyncOp[]): Promise<Kept> {
  const { remaining, undetermined, settled } = await findCreates(run, ops)
  // Ops whose lookup failed stay in their claimed batch; sending the rest under a new id would split it. The ones
  // that could not be checked say so, with a retry time, instead of sitting claimed without a word.
  if (undetermined.length === 0) return { ops: remaining, settled }
  return {
    ops: [],
    settled: [...settled, ...remaining.map((o) => marked(o, 'failed')), ...undetermined.map(unchecked(run))],
  }
}

/**
 * Ops of a claimed batch the plan had to break (`lookupFirst`: its members depend on each other, so it cannot be
 * resent as it was). Each create is looked up as above; what QuickBooks surely lacks, and every update or void
 * (a repeat of those is refused as stale, never applied twice), loses its old claim and goes as a new request.
 * One that could not be checked stays claimed with a retry time and words that say so. Ops without the flag
 * pass through as they are.
 */
export async function releaseBroken(run: RunView, ops: SyncOp[]): Promise<Kept> {
  const flagged = ops.filter((o) => o.lookupFirst)
  if (flagged.length === 0) return { ops, settled: [] }
  const { remaining, undetermined, settled } = await findCreates(run, flagged)
  settled.push(...undetermined.map(unchecked(run)))
  const resend = remaining.flatMap((o) => o.outboxSeqs)
  if (resend.length > 0) settled.push({ settlement: release(resend, nowIso(run)) })
  const kept = new Set(remaining)
  return { ops: ops.filter((o) => !o.lookupFirst || kept.has(o)), settled }
}

/**
 * A row claimed before claims stored their request: what went out is rebuilt from the record. Not for a
 * payment: its create carried no key then, so a key rebuilt now would find nothing and lead to a second one.
 */
function rebuilt(run: RunView, o: SyncOp): SentRequest | undefined {
  if (o.kind === 'payment') return undefined
  const b = bodyFor(run, o)
  const rec = recordOf(run, o)
  return b.ok && b.value !== undefined && rec ? rebuiltRequest(o, rec, b.value) : undefined
}

/** Kept claimed, never released: releasing would send it again as a new payment. Logged once, not every run. */
function hold(run: RunView, o: SyncOp): Settled {
  const s = failed(run, o, UNVERIFIED_PAYMENT, o.outboxSeqs, false)
  const logged = o.outboxSeqs.some((seq) => run.state.rows.get(seq)?.lastError?.code === UNVERIFIED_PAYMENT.code)
  return logged ? { ...s, settlement: { ...s.settlement!, log: [] } } : s
}
